-- The last health report of each node (the relay's POST /api/nodes/{nodeId}/health, see docs/wire-contract.md):
-- one row per node, replaced by every report. received_at is the cloud's clock; a node whose last report is
-- older than ingest.health.silent-after (or that never reported) is "silent". Owned by NodeHealthTable.
create table node_health (
    node_id                    text             primary key references nodes (node_id),
    received_at                timestamptz      not null,
    reported_at                timestamptz      not null,
    relay_version              text             not null,
    -- Figures as the relay reported them; null when the relay could not read them (its database was away).
    queue_depth                bigint,
    oldest_pending_age_seconds double precision,
    back_pressure              boolean,
    slot_lag_bytes             bigint,
    clock_skew_millis          bigint,
    parked                     bigint
);
