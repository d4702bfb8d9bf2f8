-- DESIGN §14: refunds, one row per out_refund_no (<order_no>_r<sequence>), written in its own short
-- transaction before any provider call, so a call repeated after a timeout carries the same number
-- and the provider refunds once. state: PENDING, SUCCEEDED, FAILED. purpose: ORDER (an admin's
-- refund, counted against what the order paid) or LATE_PAYMENT (a REFUND_REQUIRED payment going
-- back whole). late_payment_key is <channel>/<trade_no> for LATE_PAYMENT and NULL otherwise, so
-- its unique index lets a payment be refunded as a late payment once (several NULLs are allowed by
-- MySQL, MariaDB and H2 alike). next_try_at is when the refund job next calls or queries the
-- provider; the job's claim moves it forward (a lease) under FOR UPDATE SKIP LOCKED.
CREATE TABLE refund (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    out_refund_no    VARCHAR(40)  NOT NULL,
    order_no         VARCHAR(32)  NOT NULL,
    sequence         INT          NOT NULL,
    purpose          VARCHAR(16)  NOT NULL,
    method           VARCHAR(16)  NOT NULL,
    trade_no         VARCHAR(64)  NULL,
    late_payment_key VARCHAR(90)  NULL,
    paid_total       BIGINT       NOT NULL,
    amount           BIGINT       NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    reason           VARCHAR(80)  NOT NULL,
    stock_return     VARCHAR(16)  NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    failure          VARCHAR(512) NULL,
    provider_state   VARCHAR(64)  NULL,
    tries            INT          NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    next_try_at      DATETIME(6)  NOT NULL,
    ended_at         DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_refund_amount CHECK (amount > 0 AND amount <= paid_total)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_refund_no ON refund (out_refund_no);
CREATE UNIQUE INDEX uk_refund_order ON refund (order_no, sequence);
CREATE UNIQUE INDEX uk_refund_late_payment ON refund (late_payment_key);
-- the refund job's claim: PENDING refunds due now
CREATE INDEX ix_refund_due ON refund (state, next_try_at);
-- the refunds of one payment (the late-payment job looks for payments without one)
CREATE INDEX ix_refund_trade ON refund (trade_no);
-- reconciliation: refunds settled on a day
CREATE INDEX ix_refund_ended ON refund (ended_at);

-- The quantities a refund gives back, per product.
CREATE TABLE refund_line (
    out_refund_no VARCHAR(40) NOT NULL,
    product_id    BIGINT      NOT NULL,
    quantity      INT         NOT NULL,
    PRIMARY KEY (out_refund_no, product_id),
    CONSTRAINT ck_refund_line_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
