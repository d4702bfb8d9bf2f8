-- Order events (DESIGN §15): the transactional outbox, the webhook endpoints and their deliveries.

-- One row per event, inserted in the transaction of the change it reports. feed_position is NULL
-- until the publisher (one at a time, under the outbox_publisher row) gives it the next position
-- after commit, so the pull feed only ever grows at its end.
CREATE TABLE outbox (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    event_type    VARCHAR(40)   NOT NULL,
    order_no      VARCHAR(32)   NOT NULL,
    payload       VARCHAR(4000) NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    feed_position BIGINT        NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_outbox_position ON outbox (feed_position);
CREATE INDEX ix_outbox_order ON outbox (order_no, id);

-- The publisher's turn: locked FOR UPDATE SKIP LOCKED by the instance publishing now.
CREATE TABLE outbox_publisher (
    id            INT    NOT NULL,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO outbox_publisher (id, last_position) VALUES (1, 0);

-- event_types: comma-separated names (order.paid,…); empty for every type.
-- state: ENABLED, DISABLED (by an admin), DISABLED_FAILING (by the system, flagged).
CREATE TABLE webhook_endpoint (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    url           VARCHAR(2048) NOT NULL,
    event_types   VARCHAR(1000) NOT NULL,
    state         VARCHAR(20)   NOT NULL,
    secret        VARCHAR(100)  NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    failing_since DATETIME(6)   NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One event on its way to one endpoint. order_no and event_position are copied from the event so
-- the claim finds the earliest pending delivery of each (endpoint, order) from this table alone.
CREATE TABLE webhook_delivery (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    endpoint_id      BIGINT       NOT NULL,
    event_id         BIGINT       NOT NULL,
    order_no         VARCHAR(32)  NOT NULL,
    event_position   BIGINT       NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL,
    next_attempt_at  DATETIME(6)  NOT NULL,
    last_status_code INT          NOT NULL,
    last_error       VARCHAR(500) NULL,
    last_latency_ms  BIGINT       NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    settled_at       DATETIME(6)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_webhook_delivery_event ON webhook_delivery (endpoint_id, event_id);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_order ON webhook_delivery (endpoint_id, order_no, status, event_position);
