-- DESIGN §15: stock.low and the attempts of a webhook delivery.

-- A stock.low event is written when a product's available stock falls from at least this many
-- units to fewer, in the transaction of that change. NULL: no threshold (no event).
ALTER TABLE product ADD COLUMN low_stock_threshold BIGINT NULL;

-- Every attempt of a delivery, as GET /api/v1/admin/webhooks/{id}/deliveries shows them: when,
-- the answer's status code (0: none), how long it took and what went wrong. webhook_delivery keeps
-- the last attempt's figures for the claim; this table is only read for the admin's page.
CREATE TABLE webhook_attempt (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    delivery_id  BIGINT       NOT NULL,
    attempted_at DATETIME(6)  NOT NULL,
    status_code  INT          NOT NULL,
    latency_ms   BIGINT       NOT NULL,
    error        VARCHAR(500) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_webhook_attempt_delivery ON webhook_attempt (delivery_id, id);
