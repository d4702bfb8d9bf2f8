-- Addresses as shops in China expect them (issue 12 §5): province / city / district and a postal
-- code beside the free-text region and detail, and one default address per user.
-- The new parts are optional (clients written before them keep working), so they are NULL when
-- not given; orders placed before this migration keep NULL in their snapshot.
-- MySQL, MariaDB and H2 (MySQL mode) accept one ADD COLUMN per ALTER TABLE alike.

ALTER TABLE address ADD COLUMN province VARCHAR(64) NULL;
ALTER TABLE address ADD COLUMN city VARCHAR(64) NULL;
ALTER TABLE address ADD COLUMN district VARCHAR(64) NULL;
ALTER TABLE address ADD COLUMN postal_code VARCHAR(16) NULL;
-- At most one TRUE per user: every change of it locks the user's user_account row first
-- (SqlAddressBook), so concurrent changes of one user's book are serial.
ALTER TABLE address ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;

-- Existing books get what a new book gets: the user's first address is the default.
-- The derived table is materialised (it aggregates), so MySQL allows it beside the updated table.
UPDATE address SET is_default = TRUE
WHERE id IN (SELECT first_id FROM (SELECT MIN(id) AS first_id FROM address GROUP BY user_id) AS firsts);

ALTER TABLE orders ADD COLUMN ship_province VARCHAR(64) NULL;
ALTER TABLE orders ADD COLUMN ship_city VARCHAR(64) NULL;
ALTER TABLE orders ADD COLUMN ship_district VARCHAR(64) NULL;
ALTER TABLE orders ADD COLUMN ship_postal_code VARCHAR(16) NULL;
