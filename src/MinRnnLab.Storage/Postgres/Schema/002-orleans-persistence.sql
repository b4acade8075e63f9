-- Orleans ADO.NET grain storage on PostgreSQL: one row per grain state, payload in Orleans' binary format.
-- The etag is the row's integer version: a write names the version it read and returns the new one; returning the
-- old version (or NULL for a lost first insert) tells Orleans the write lost a race (InconsistentStateException).

CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id      varchar(150) NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_type      varchar(512) NOT NULL,
    grain_id_hash   integer NOT NULL,
    grain_id_n0     bigint NOT NULL,
    grain_id_n1     bigint NOT NULL,
    grain_id_ext    varchar(512) NOT NULL,   -- '' for grains without a string key part
    payload         bytea NULL,
    version         integer NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Payload before version: Orleans may read the row with sequential access.
('ReadFromStorageKey', $q$
    SELECT payload AS PayloadBinary, version AS Version
    FROM orleans_grain_state
    WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext = coalesce(@GrainIdExtensionString, '');
$q$),
('WriteToStorageKey', $q$
    WITH first_write AS (
        INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0,
                                         grain_id_n1, grain_id_ext, payload, version)
        SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0,
               @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version),
    next_write AS (
        UPDATE orleans_grain_state
        SET payload = @PayloadBinary, version = version + 1, modified_at = now()
        WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
          AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
          AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
        RETURNING version)
    SELECT coalesce((SELECT version FROM first_write), (SELECT version FROM next_write), @GrainStateVersion)
           AS NewGrainStateVersion;
$q$),
('ClearStorageKey', $q$
    WITH cleared AS (
        UPDATE orleans_grain_state
        SET payload = NULL, version = version + 1, modified_at = now()
        WHERE version = @GrainStateVersion
          AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
          AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
        RETURNING version)
    SELECT coalesce((SELECT version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
