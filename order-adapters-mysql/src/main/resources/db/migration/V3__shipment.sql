-- Shipping with tracking: the carrier and tracking number an order was shipped with (NULL for
-- orders shipped before they were recorded), the corrections of them, and the index the
-- automatic completion locks by (SHIPPED orders, oldest shipment first).

ALTER TABLE orders ADD COLUMN carrier VARCHAR(32) NULL;
ALTER TABLE orders ADD COLUMN tracking_number VARCHAR(64) NULL;

CREATE INDEX ix_orders_status_shipped ON orders (status, shipped_at);

-- An admin's correction of a shipped order's carrier or tracking number: old -> new, when.
CREATE TABLE shipment_correction (
    id                  BIGINT      NOT NULL AUTO_INCREMENT,
    order_no            VARCHAR(32) NOT NULL,
    old_carrier         VARCHAR(32) NULL,
    old_tracking_number VARCHAR(64) NULL,
    new_carrier         VARCHAR(32) NOT NULL,
    new_tracking_number VARCHAR(64) NOT NULL,
    corrected_at        DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE INDEX ix_shipment_correction_order ON shipment_correction (order_no, id);
