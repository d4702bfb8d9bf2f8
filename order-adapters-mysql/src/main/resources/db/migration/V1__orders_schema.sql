-- The schema of the order system: the single source of truth for MySQL 8.0+, MariaDB 10.6+ and
-- the embedded H2 (MySQL mode); jOOQ classes are generated from this file at build time.
-- Money is BIGINT minor units (fen, cents) of the deployment's one currency. Times are DATETIME(6)
-- holding UTC. Indexes are separate CREATE INDEX statements (inline KEY clauses break H2).

CREATE TABLE product (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    price       BIGINT        NOT NULL,
    on_sale     BOOLEAN       NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_product_price CHECK (price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per product; reserve takes the row lock with a conditional UPDATE.
CREATE TABLE stock (
    product_id BIGINT NOT NULL,
    available  BIGINT NOT NULL,
    PRIMARY KEY (product_id),
    CONSTRAINT ck_stock_available CHECK (available >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Stock changes outside orders (initial stock, admin adjustments): Σ delta = available + held by orders.
CREATE TABLE stock_movement (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    product_id BIGINT       NOT NULL,
    delta      BIGINT       NOT NULL,
    reason     VARCHAR(200) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_stock_movement_product ON stock_movement (product_id);

CREATE TABLE user_account (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  NOT NULL,
    -- lower-cased username: the unique key, so names differing in case only collide on any collation
    username_key  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_user_account_username ON user_account (username_key);

-- Only the SHA-256 digest of a bearer token is stored.
CREATE TABLE access_token (
    token_digest CHAR(64)    NOT NULL,
    user_id      BIGINT      NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    revoked      BOOLEAN     NOT NULL,
    PRIMARY KEY (token_digest)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_access_token_user ON access_token (user_id);

CREATE TABLE address (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    user_id    BIGINT       NOT NULL,
    recipient  VARCHAR(64)  NOT NULL,
    phone      VARCHAR(32)  NOT NULL,
    region     VARCHAR(128) NOT NULL,
    detail     VARCHAR(256) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_address_user ON address (user_id, id);

-- debit takes the row lock with UPDATE … SET balance = balance - ? WHERE … AND balance >= ?.
CREATE TABLE balance (
    user_id BIGINT NOT NULL,
    balance BIGINT NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT ck_balance_balance CHECK (balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every balance change; (reference, reason) unique, so a payment or refund never applies twice.
CREATE TABLE balance_journal (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    user_id    BIGINT       NOT NULL,
    delta      BIGINT       NOT NULL,
    reason     VARCHAR(16)  NOT NULL,
    reference  VARCHAR(200) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_balance_journal_reference ON balance_journal (reference, reason);
CREATE INDEX ix_balance_journal_user ON balance_journal (user_id, id);

CREATE TABLE orders (
    order_no            VARCHAR(32)  NOT NULL,
    user_id             BIGINT       NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    payment_method      VARCHAR(16)  NOT NULL,
    total_amount        BIGINT       NOT NULL,
    pay_amount          BIGINT       NOT NULL,
    ship_recipient      VARCHAR(64)  NOT NULL,
    ship_phone          VARCHAR(32)  NOT NULL,
    ship_region         VARCHAR(128) NOT NULL,
    ship_detail         VARCHAR(256) NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    expires_at          DATETIME(6)  NULL,
    paid_at             DATETIME(6)  NULL,
    shipped_at          DATETIME(6)  NULL,
    completed_at        DATETIME(6)  NULL,
    cancelled_at        DATETIME(6)  NULL,
    cancel_reason       VARCHAR(16)  NULL,
    refunded_at         DATETIME(6)  NULL,
    idempotency_key     VARCHAR(64)  NULL,
    request_fingerprint VARCHAR(64)  NULL,
    PRIMARY KEY (order_no),
    CONSTRAINT ck_orders_amounts CHECK (total_amount >= 0 AND pay_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- NULL keys do not collide: only orders placed with an Idempotency-Key are constrained.
CREATE UNIQUE INDEX uk_orders_idempotency ON orders (user_id, idempotency_key);
-- a user's orders, newest first (order numbers grow with time), optionally by status
CREATE INDEX ix_orders_user ON orders (user_id, order_no);
CREATE INDEX ix_orders_user_status ON orders (user_id, status, order_no);
-- all orders by status, newest first (admin)
CREATE INDEX ix_orders_status ON orders (status, order_no);
-- the expiry sweep: status = PENDING_PAYMENT AND expires_at < now
CREATE INDEX ix_orders_status_expires ON orders (status, expires_at);

CREATE TABLE order_item (
    order_no     VARCHAR(32)  NOT NULL,
    line_no      INT          NOT NULL,
    product_id   BIGINT       NOT NULL,
    product_name VARCHAR(200) NOT NULL,
    unit_price   BIGINT       NOT NULL,
    quantity     INT          NOT NULL,
    line_amount  BIGINT       NOT NULL,
    PRIMARY KEY (order_no, line_no),
    CONSTRAINT ck_order_item_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_order_item_product ON order_item (product_id);

CREATE TABLE payment_record (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    channel          VARCHAR(16) NOT NULL,
    trade_no         VARCHAR(64) NOT NULL,
    order_no         VARCHAR(32) NOT NULL,
    amount           BIGINT      NOT NULL,
    paid_at          DATETIME(6) NULL,
    status           VARCHAR(16) NOT NULL,
    raw_notification MEDIUMTEXT  NULL,
    recorded_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_payment_record_trade ON payment_record (channel, trade_no);
CREATE INDEX ix_payment_record_order ON payment_record (order_no);
-- reconciliation lists: records in one status, oldest first
CREATE INDEX ix_payment_record_status ON payment_record (status, id);
