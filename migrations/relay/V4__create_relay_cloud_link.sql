-- What the relay last heard from the cloud, for the operator's `status` command (a separate process):
-- when, which HTTP status, the NUC clock's skew against the cloud's Date header, and whether the
-- cloud has been refusing the node's configuration (401/403/404/410) since some time. One row,
-- written by the relay when any of it changes (not on every request).
create table if not exists relay_cloud_link (
    link_id          integer     primary key check (link_id = 1),
    last_answer_at   timestamptz not null,
    last_http_status integer     not null,
    clock_skew_ms    bigint,
    fault_since      timestamptz,
    fault_reason     text
);
