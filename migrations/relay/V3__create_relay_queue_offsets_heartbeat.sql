-- The relay's own tables on the NUC, applied by the relay only (history relay_schema_history). It needs
-- outbox_event to exist (the POS creates it with the outbox writer) and creates nothing of the POS's.
-- "if not exists": a database made by the old single NUC history already has these.
-- The relay moves outbox rows from the WAL into
-- cloud_event_queue (durable, capped by the relay), sends them in queue order, and on success
-- hard-deletes the queue row and records the event in relay_delivered_event in the same transaction.

-- The seed's CloudEventQueue, with the event's exact envelope bytes and a parked state.
-- queue_position gives delivery order (the order rows left the WAL, i.e. commit order).
create table if not exists cloud_event_queue (
    queue_position bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    event_type     text        not null,
    location_id    text        not null,
    payload        bytea       not null,
    attempts       integer     not null default 0 check (attempts >= 0),
    max_attempts   integer     not null default 10 check (max_attempts > 0),
    next_retry_at  timestamptz not null,
    last_error     text,
    created_at     timestamptz not null,
    status         text        not null default 'pending' check (status in ('pending', 'parked')),
    parked_status  integer,
    parked_at      timestamptz
);

create index if not exists cloud_event_queue_pending_idx on cloud_event_queue (status, queue_position);

-- What was accepted by the cloud (2xx). The reconciliation sweep compares the outbox against this
-- log and the queue; rows are purged together with the outbox rows after the retention window.
create table if not exists relay_delivered_event (
    event_id     uuid        primary key,
    delivered_at timestamptz not null,
    http_status  integer     not null
);

create index if not exists relay_delivered_event_delivered_at_idx on relay_delivered_event (delivered_at);

-- Debezium's source offsets (Kafka Connect key/value bytes), written in a committed transaction so
-- a power loss never loses or rewinds them past what was queued.
create table if not exists relay_offset (
    offset_key   bytea       primary key,
    offset_value bytea,
    updated_at   timestamptz not null default now()
);

-- Written by Debezium's heartbeat.action.query; being in the publication, it lets the slot's
-- confirmed position advance while the outbox is quiet and other POS tables write WAL.
create table if not exists relay_heartbeat (
    heartbeat_id integer     primary key check (heartbeat_id = 1),
    beat_at      timestamptz not null
);

-- Only the outbox and the heartbeat table are decoded (Debezium runs with publication.autocreate.mode=disabled).
do $$
begin
    if not exists (select 1 from pg_publication where pubname = 'relay_outbox_publication') then
        create publication relay_outbox_publication for table outbox_event, relay_heartbeat;
    end if;
end
$$;
