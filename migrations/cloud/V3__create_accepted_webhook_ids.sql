-- Replay protection for Standard Webhooks requests: the (node, webhook-id) pairs the ingest accepted.
-- A request whose pair was accepted within twice the timestamp tolerance produces nothing new (every
-- element is answered "duplicate"). Shared by every ingest instance; rows older than that window are purged
-- by the ingest service. See docs/wire-contract.md.
create table accepted_webhook_ids (
    node_id     text        not null,
    webhook_id  text        not null,
    accepted_at timestamptz not null default now(),
    primary key (node_id, webhook_id)
);

create index accepted_webhook_ids_accepted_at_idx on accepted_webhook_ids (accepted_at);

-- Nodes registered from now on must sign with Standard Webhooks (timestamped, so replays are refused);
-- the body-only seed scheme stays for nodes registered as legacy (require_webhooks = false). Nodes that
-- exist already keep their setting.
alter table nodes alter column require_webhooks set default true;
