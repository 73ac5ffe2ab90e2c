-- The rate card: effective-dated prices per device model. A rate applies from from_day (UTC
-- midnight) until the next rate of the same model starts, or through to_day when one is given.
-- The price is kept as exact decimal text, never as a floating-point number.

CREATE TABLE rate_card_entry (
    device_model     VARCHAR(64) NOT NULL,
    -- ISO date (YYYY-MM-DD), first day in force.
    from_day         VARCHAR(10) NOT NULL,
    -- ISO date, last day in force (inclusive); NULL: until the next rate of the model.
    to_day           VARCHAR(10),
    per_device_hour  VARCHAR(40) NOT NULL,
    currency         VARCHAR(3)  NOT NULL,
    PRIMARY KEY (device_model, from_day),
    CONSTRAINT rate_card_entry_interval CHECK (to_day IS NULL OR to_day >= from_day)
);
