// A POS pay flow in TypeScript with node-postgres: the order, its payment and the order_paid outbox row
// are written in ONE transaction. Commit, and the relay delivers the event; roll back, and there is none.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pos VENUE_ID=venue-1 npm run pay
//
// Prints one JSON line: {"eventId":..,"orderId":..,"orderNumber":..,"paymentId":..}.
// The orders/payments INSERTs stand for your own POS tables (here the reference POS's); only the
// outbox_event INSERT is the contract (docs/pos-outbox.md, event-contract/src/main/resources/schemas/).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import pg from "pg";

export interface Tender {
  method: string; // a lower-case word: card, cash, gift_card
  amount: string; // decimal strings, never JS numbers: nothing may round money
  tip: string;
}

export interface PaidOrder {
  eventId: string;
  orderId: string;
  orderNumber: string;
  paymentId: string;
}

const SCHEMAS = new URL("../../../event-contract/src/main/resources/schemas/", import.meta.url);

/** The contract's order_paid schema, compiled once: a bad payload fails the pay flow, not the cloud. */
function orderPaidValidator() {
  const ajv = new Ajv2020.default({ allErrors: false, strict: false });
  addFormats.default(ajv, ["date-time"]);
  for (const name of ["types", "order_paid"]) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(`${name}.schema.json`, SCHEMAS), "utf8")));
  }
  return ajv.getSchema("https://schemas.ordercontrol.dev/pos-events/v1/order_paid.schema.json")!;
}

const validateOrderPaid = orderPaidValidator();

/** Pays a new order in one transaction; `total` must equal the sum of the tenders' amounts. */
export async function payNewOrder(db: pg.Pool, venueId: string, currency: string, total: string,
    tenders: Tender[]): Promise<PaidOrder> {
  const client = await db.connect();
  try {
    await client.query("begin");
    const orderId = randomUUID();
    const paidAt = new Date().toISOString(); // RFC 3339 UTC with milliseconds: 2026-11-29T12:00:00.123Z
    const order = await client.query<{ order_number: string }>(
      `insert into orders (order_id, venue_id, currency, total, status, paid_at)
       values ($1, $2, $3, $4, 'paid', $5) returning order_number`,
      [orderId, venueId, currency, total, paidAt]);
    const payments = [];
    for (const t of tenders) {
      const paymentId = randomUUID();
      await client.query(
        `insert into payments (payment_id, order_id, method, amount, tip, paid_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [paymentId, orderId, t.method, t.amount, t.tip, paidAt]);
      payments.push({ paymentId, method: t.method, amount: t.amount, tip: t.tip, paidAt });
    }
    // bigint comes back from pg as a string; the contract takes orderNumber as a number or a digit string.
    const orderNumber = order.rows[0].order_number;
    const payload = { orderId, orderNumber: Number(orderNumber), currency, total, payments };
    if (!validateOrderPaid(payload)) {
      throw new Error(`order_paid payload does not match the schema: ${JSON.stringify(validateOrderPaid.errors)}`);
    }
    const eventId = randomUUID();
    await client.query(
      `insert into outbox_event (event_id, event_type, venue_id, aggregate_id, occurred_at, payload)
       values ($1, 'order_paid', $2, $3, $4, $5::jsonb)`,
      [eventId, venueId, orderId, paidAt, JSON.stringify(payload)]);
    await client.query("commit"); // the payment and its event become visible together, or neither does
    return { eventId, orderId, orderNumber, paymentId: payments[0].paymentId };
  } catch (e) {
    await client.query("rollback");
    throw e;
  } finally {
    client.release();
  }
}

async function main() {
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/pos" });
  try {
    const paid = await payNewOrder(db, process.env.VENUE_ID ?? "venue-1", "USD", "12.99",
      [{ method: "card", amount: "12.99", tip: "2.00" }]);
    console.log(JSON.stringify(paid));
  } finally {
    await db.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
