-- The admin console's dashboard counts the orders placed today and per minute of the last hour
-- (WHERE created_at >= ? AND created_at < ?): a range on this index, not a scan of every order.
CREATE INDEX ix_orders_created ON orders (created_at);
