-- DESIGN §13: every trade started at a payment provider (WeChat Pay, Alipay), one row per trade.
-- out_trade_no is <order_no>_<attempt>. open_order_no holds the order number while the trade is
-- STARTING or OPEN and NULL otherwise, so its unique index lets an order have one open trade at a
-- time (several NULLs are allowed by MySQL, MariaDB and H2 alike): never payable through two trades.
-- pay_link is what the buyer's page got (code_url, prepay_id, h5_url, qr_code or the signed Alipay
-- pay address); the jsapi_* columns are the signed requestPayment parameters of a JSAPI trade.
CREATE TABLE payment_attempt (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    out_trade_no     VARCHAR(32)  NOT NULL,
    order_no         VARCHAR(32)  NOT NULL,
    attempt          INT          NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    scene            VARCHAR(16)  NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    open_order_no    VARCHAR(32)  NULL,
    amount           BIGINT       NOT NULL,
    open_id          VARCHAR(128) NULL,
    client_ip        VARCHAR(64)  NULL,
    pay_link         MEDIUMTEXT   NULL,
    jsapi_app_id     VARCHAR(64)  NULL,
    jsapi_time_stamp VARCHAR(16)  NULL,
    jsapi_nonce_str  VARCHAR(64)  NULL,
    jsapi_package    VARCHAR(128) NULL,
    jsapi_sign_type  VARCHAR(16)  NULL,
    jsapi_pay_sign   VARCHAR(1024) NULL,
    trade_state      VARCHAR(16)  NULL,
    provider_state   VARCHAR(32)  NULL,
    failure          VARCHAR(512) NULL,
    created_at       DATETIME(6)  NOT NULL,
    checked_at       DATETIME(6)  NULL,
    ended_at         DATETIME(6)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_payment_attempt_trade ON payment_attempt (out_trade_no);
CREATE UNIQUE INDEX uk_payment_attempt_order ON payment_attempt (order_no, attempt);
CREATE UNIQUE INDEX uk_payment_attempt_open ON payment_attempt (open_order_no);
-- the background sync: open trades, least recently asked first
CREATE INDEX ix_payment_attempt_state ON payment_attempt (state, created_at);
