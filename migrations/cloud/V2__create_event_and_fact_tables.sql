-- Every event that became facts, once per eventId; duplicates are absorbed by ON CONFLICT DO NOTHING.
create table events (
    event_id        text        primary key,
    event_type      text        not null,
    venue_id        text        not null,
    occurred_at     timestamptz not null,
    -- SHA-256 of the exact bytes: the same eventId with different content is a conflict (dead letter).
    body_sha256     text        not null,
    raw_body        bytea       not null,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    stored_at       timestamptz not null default now()
);

create index events_venue_occurred_idx on events (venue_id, occurred_at);

-- One row per payment, ever: the key (venue_id, payment_id) makes redelivery and replay harmless.
-- Amounts are exact numerics (scale of the currency), never floating point.
create table payment_facts (
    venue_id     text          not null,
    payment_id   text          not null,
    event_id     text          not null references events (event_id),
    order_id     text          not null,
    order_number bigint        not null,
    currency     char(3)       not null,
    method       text          not null,
    amount       numeric(19,4) not null check (amount > 0),
    tip          numeric(19,4) not null check (tip >= 0),
    paid_at      timestamptz   not null,
    primary key (venue_id, payment_id)
);

create index payment_facts_venue_paid_at_idx on payment_facts (venue_id, paid_at);

-- What could not become facts, with the reason and the exact bytes; the stream moved on past it.
-- Unique on the Kafka position so a redelivered or replayed record is dead-lettered once.
create table dead_letter_events (
    dead_letter_id  bigint      generated always as identity primary key,
    event_id        text,
    venue_id        text,
    reason          text        not null,
    raw_body        bytea       not null,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    stored_at       timestamptz not null default now(),
    unique (kafka_topic, kafka_partition, kafka_offset)
);
