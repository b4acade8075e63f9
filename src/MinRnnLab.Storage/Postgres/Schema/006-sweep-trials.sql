-- One row per sweep trial (the sweep grain's JSON), so a trial's change rewrites its row and not the sweep's whole
-- state. The primary key serves the only read: one sweep's rows in trial order.
CREATE TABLE IF NOT EXISTS sweep_trials (
    sweep_id    text NOT NULL,
    trial_index integer NOT NULL,
    payload     text NOT NULL,
    PRIMARY KEY (sweep_id, trial_index)
);
