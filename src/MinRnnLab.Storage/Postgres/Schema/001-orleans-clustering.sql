-- Orleans ADO.NET clustering on PostgreSQL. Orleans issues only the statements stored in OrleansQuery, binding
-- parameters by name (@DeploymentId, @Address, ...) and reading result columns by name, case-insensitively.
-- Etags are the integer version of the deployment's row in orleans_membership_version: every membership write
-- names the version it read, and succeeds (returns 1) only if that version is still current, bumping it.

-- The one name fixed by Orleans: its providers read "SELECT QueryKey, QueryText FROM OrleansQuery" at start.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         varchar(45) NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer NOT NULL DEFAULT 0,
    suspect_times   text NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer AS created FROM created;
$q$),
-- Lock the version row only if it still has the caller's version; the insert and the bump hang off that lock,
-- so either both happen or neither does (a concurrent writer that got there first makes the lock set empty).
('InsertMembershipKey', $q$
    WITH current_version AS (
        SELECT deployment_id FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE),
    joined AS (
        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                        proxy_port, start_time, i_am_alive_time)
        SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
               @ProxyPort, @StartTime, @IAmAliveTime
        FROM current_version
        ON CONFLICT DO NOTHING
        RETURNING deployment_id),
    bumped AS (
        UPDATE orleans_membership_version v SET version = v.version + 1, updated_at = now()
        FROM joined WHERE v.deployment_id = joined.deployment_id
        RETURNING 1)
    SELECT count(*)::integer AS succeeded FROM bumped;
$q$),
('UpdateMembershipKey', $q$
    WITH current_version AS (
        SELECT deployment_id FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE),
    changed AS (
        UPDATE orleans_membership m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM current_version
        WHERE m.deployment_id = current_version.deployment_id
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING m.deployment_id),
    bumped AS (
        UPDATE orleans_membership_version v SET version = v.version + 1, updated_at = now()
        FROM changed WHERE v.deployment_id = changed.deployment_id
        RETURNING 1)
    SELECT count(*)::integer AS succeeded FROM bumped;
$q$),
-- Liveness heartbeats do not change the version: they are not membership changes.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
-- Reads always return the version row, with NULL silo columns when no silo matches: Orleans needs the version.
('MembershipReadRowKey', $q$
    SELECT m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
           m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
           m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
           ON m.deployment_id = v.deployment_id
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
           m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
           m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),
-- Status 3 is Active: a silo that has not said it is alive since the cutoff and is not active is gone for good.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
