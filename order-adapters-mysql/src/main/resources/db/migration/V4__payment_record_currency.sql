-- A provider may report a payment in another currency than the deployment's (WeChat Pay sends
-- amount.currency). Such a payment is recorded as MISMATCH for a person, with the currency it came
-- in: NULL is the deployment's currency (every row written before this column), anything else is
-- the ISO 4217 code the provider named.
ALTER TABLE payment_record ADD COLUMN currency CHAR(3) NULL;
