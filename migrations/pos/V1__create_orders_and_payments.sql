-- The reference POS's own tables, applied only by the reference POS (history pos_schema_history).
-- A real POS keeps its own schema; only outbox_event (migrations/outbox, shipped with the outbox writer)
-- is the contract. "if not exists": a database made by the old single NUC history already has them.
create sequence if not exists order_number_seq start with 1001;

create table if not exists orders (
    order_id     uuid          primary key,
    venue_id     text          not null,
    order_number bigint        not null unique default nextval('order_number_seq'),
    currency     char(3)       not null,
    total        numeric(14,2) not null check (total >= 0),
    status       text          not null default 'open' check (status in ('open', 'paid')),
    created_at   timestamptz   not null default now(),
    paid_at      timestamptz
);

create table if not exists payments (
    payment_id uuid          primary key,
    order_id   uuid          not null references orders (order_id),
    method     text          not null,
    amount     numeric(14,2) not null check (amount > 0),
    tip        numeric(14,2) not null default 0 check (tip >= 0),
    paid_at    timestamptz   not null
);

create index if not exists payments_order_id_idx on payments (order_id);
create index if not exists payments_paid_at_idx on payments (paid_at);
