-- The reference POS's own tables. A real POS keeps its schema; only outbox_event (V2) is the contract.
create sequence order_number_seq start with 1001;

create table orders (
    order_id     uuid          primary key,
    venue_id     text          not null,
    order_number bigint        not null unique default nextval('order_number_seq'),
    currency     char(3)       not null,
    total        numeric(14,2) not null check (total >= 0),
    status       text          not null default 'open' check (status in ('open', 'paid')),
    created_at   timestamptz   not null default now(),
    paid_at      timestamptz
);

create table payments (
    payment_id uuid          primary key,
    order_id   uuid          not null references orders (order_id),
    method     text          not null,
    amount     numeric(14,2) not null check (amount > 0),
    tip        numeric(14,2) not null default 0 check (tip >= 0),
    paid_at    timestamptz   not null
);

create index payments_order_id_idx on payments (order_id);
create index payments_paid_at_idx on payments (paid_at);
