-- The transactional outbox: the pay flow inserts one row here in the same transaction as the payment.
-- The relay reads it from the WAL (pgoutput) and, as a safety net, by a reconciliation sweep.
-- The POS only ever inserts; the relay purges rows older than the retention window.
-- Applied by the outbox writer (OutboxSchema.migrate, history outbox_schema_history), never by the relay.
-- "if not exists": a database made by the old single NUC history already has the table.
create table if not exists outbox_event (
    event_id     uuid        primary key,
    event_type   text        not null,
    venue_id     text        not null,
    aggregate_id text        not null,
    occurred_at  timestamptz not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now()
);

create index if not exists outbox_event_created_at_idx on outbox_event (created_at);
