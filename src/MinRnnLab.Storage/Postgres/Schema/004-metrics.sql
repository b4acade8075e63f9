-- Step metrics of every run. The primary key (run_id, name, step) serves both reads: one run's curves, and a
-- sweep's (run_id = ANY(...)), each ordered by step without a sort. Appends upsert, so retried batches are harmless.
CREATE TABLE IF NOT EXISTS run_metrics (
    run_id text NOT NULL,
    name   text NOT NULL,
    step   integer NOT NULL,
    value  double precision NOT NULL,
    PRIMARY KEY (run_id, name, step)
);
