-- One row per refund, ever: the key (venue_id, refund_id) makes redelivery and replay harmless, as for
-- payment_facts. A refund gives back part or all of one payment's amount (never its tip); currency and
-- method are the refunded payment's, so the report attributes it to that payment's method, on the
-- business day of refunded_at in the venue's zone.
create table refund_facts (
    venue_id     text          not null,
    refund_id    text          not null,
    event_id     text          not null references events (event_id),
    order_id     text          not null,
    order_number bigint        not null,
    payment_id   text          not null,
    currency     char(3)       not null,
    method       text          not null,
    amount       numeric(19,4) not null check (amount > 0),
    reason       text          not null,
    refunded_at  timestamptz   not null,
    primary key (venue_id, refund_id)
);

create index refund_facts_venue_refunded_at_idx on refund_facts (venue_id, refunded_at);
