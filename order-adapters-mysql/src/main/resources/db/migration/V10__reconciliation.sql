-- DESIGN §14: one reconciliation per channel and bill day (China time). The unique (channel,
-- bill_date) row is also the claim: the instance that inserts it (or takes over a RUNNING one whose
-- started_at is stale) compares the provider's bill with the records; once DONE, running the day
-- again answers this report. Its differences keep the order they were found in (seq) and what was
-- done about each (taken_action). Amounts are minor units; *_currency is the amount's ISO code.
CREATE TABLE reconciliation (
    id                BIGINT      NOT NULL AUTO_INCREMENT,
    channel           VARCHAR(16) NOT NULL,
    bill_date         DATE        NOT NULL,
    state             VARCHAR(16) NOT NULL,
    runner            VARCHAR(64) NOT NULL,
    started_at        DATETIME(6) NOT NULL,
    finished_at       DATETIME(6) NULL,
    provider_payments INT         NOT NULL,
    provider_refunds  INT         NOT NULL,
    difference_count  INT         NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_reconciliation_day ON reconciliation (channel, bill_date);

CREATE TABLE reconciliation_difference (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    reconciliation_id BIGINT        NOT NULL,
    seq               INT           NOT NULL,
    kind              VARCHAR(32)   NOT NULL,
    out_trade_no      VARCHAR(64)   NULL,
    provider_trade_no VARCHAR(64)   NULL,
    out_refund_no     VARCHAR(64)   NULL,
    provider_amount   BIGINT        NULL,
    provider_currency CHAR(3)       NULL,
    local_amount      BIGINT        NULL,
    local_currency    CHAR(3)       NULL,
    taken_action      VARCHAR(32)   NOT NULL,
    detail            VARCHAR(1024) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE UNIQUE INDEX uk_reconciliation_difference ON reconciliation_difference (reconciliation_id, seq);

-- reconciliation reads a channel's payments of one day by the provider's payment time
CREATE INDEX ix_payment_record_paid ON payment_record (channel, paid_at);
