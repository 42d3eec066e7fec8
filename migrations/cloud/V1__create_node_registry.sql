-- Venues and the POS boxes ("nodes") allowed to write for them.
-- A node belongs to exactly one venue; a request is accepted only from an enabled node for its own venue.
create table venues (
    venue_id   text        primary key,
    name       text        not null,
    -- IANA zone id (e.g. America/Los_Angeles): the finance report's business day is local to the venue.
    time_zone  text        not null default 'UTC',
    created_at timestamptz not null default now()
);

create table nodes (
    node_id          text        primary key,
    venue_id         text        not null references venues (venue_id),
    enabled          boolean     not null default true,
    -- When true, only Standard Webhooks signatures (with their timestamp) are accepted from this node.
    require_webhooks boolean     not null default false,
    created_at       timestamptz not null default now()
);

create index nodes_venue_id_idx on nodes (venue_id);

-- Several secrets may be active at once so a node can rotate without a gap: the new secret is added,
-- the old one keeps working until its expires_at, then only the new one does.
-- HMAC needs the secret itself (not a hash), so this table is as sensitive as a key store:
-- restrict it to the service's database role.
create table node_secrets (
    secret_id  bigint      generated always as identity primary key,
    node_id    text        not null references nodes (node_id),
    secret     text        not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz
);

create index node_secrets_node_id_idx on node_secrets (node_id);

-- Finance bearer tokens, stored as SHA-256 hex only: a leaked table does not leak usable tokens.
create table report_tokens (
    token_hash text        primary key,
    label      text        not null,
    revoked    boolean     not null default false,
    created_at timestamptz not null default now()
);

create table report_token_venues (
    token_hash text not null references report_tokens (token_hash),
    venue_id   text not null,
    primary key (token_hash, venue_id)
);
