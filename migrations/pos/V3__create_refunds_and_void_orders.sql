-- Refunds and voids of the reference POS (history pos_schema_history).
-- A refund gives back part or all of one payment's amount (never its tip); the refund flow locks the
-- payment row, so concurrent refunds of one payment never exceed its amount. Each refund is sent to the
-- cloud as one order_refunded outbox row written in the same transaction.
-- A void closes an open, unpaid order without any money moving: nothing is sent to the cloud.
alter table orders drop constraint if exists orders_status_check;
alter table orders add constraint orders_status_check check (status in ('open', 'paid', 'void'));
alter table orders add column if not exists voided_at timestamptz;

create table if not exists refunds (
    refund_id   uuid          primary key,
    payment_id  uuid          not null references payments (payment_id),
    amount      numeric(14,2) not null check (amount > 0),
    reason      text          not null check (char_length(reason) between 1 and 200),
    refunded_at timestamptz   not null
);

create index if not exists refunds_payment_id_idx on refunds (payment_id);
create index if not exists refunds_refunded_at_idx on refunds (refunded_at);
