-- Thinned curves kept beside run_metrics, so a sweep page reads a few hundred points per run instead of every
-- step. A summary is valid while its last_step equals the run's last stored step (checked by the reader).
CREATE TABLE IF NOT EXISTS run_curve_summaries (
    run_id        text NOT NULL,
    name          text NOT NULL,
    max_points    integer NOT NULL,
    last_step     integer NOT NULL,
    stored_points integer NOT NULL,
    steps         integer[] NOT NULL,
    vals          double precision[] NOT NULL,
    PRIMARY KEY (run_id, name, max_points)
);
