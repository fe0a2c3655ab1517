import type Stripe from 'stripe';
import { toDecimalString } from '../money';
import { listCustomersByEmail, parseCustomerRef } from './customers';
import { dashboardUrl, idOf, isoFromUnix } from './ids';

export type CustomerQuery = { id: string } | { email: string } | { name: string };

/**
 * A `cus_…` id or an email address (has an @), read as every customer input reads them
 * (`parseCustomerRef`: a malformed id or address is refused before anything is sent), or else a
 * name; empty gives a message.
 */
export function parseCustomerQuery(value: unknown): CustomerQuery | { problem: string } {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (!raw)
    return {
      problem: "Customer is empty: map the customer's email address, full name or ID (cus_…).",
    };
  if (raw.startsWith('cus_') || raw.includes('@')) return parseCustomerRef(raw);
  return { name: raw };
}

/** Stripe's search query language: a quoted value, its `"` and `\` escaped. */
export function searchQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const live = (list: (Stripe.Customer | Stripe.DeletedCustomer)[]): Stripe.Customer[] =>
  list.filter((c): c is Stripe.Customer => !c.deleted);

const newestFirst = (list: Stripe.Customer[]) => [...list].sort((a, b) => b.created - a.created);

/**
 * The customers matching, newest first (at most 100). An email is matched as every customer
 * input matches one (`listCustomersByEmail`: exact, a miss retried lowercased); a name through Stripe's Search API (exact
 * name, any case), whose index can lag new customers by a minute or so.
 */
export async function findCustomers(
  stripe: Stripe,
  query: CustomerQuery,
): Promise<Stripe.Customer[]> {
  if ('id' in query) {
    try {
      return live([await stripe.customers.retrieve(query.id)]);
    } catch (err) {
      if ((err as { code?: string }).code === 'resource_missing') return [];
      throw err;
    }
  }
  if ('name' in query) {
    const found = await stripe.customers.search({
      query: `name:${searchQuote(query.name)}`,
      limit: 100,
    });
    return newestFirst(found.data);
  }
  return newestFirst((await listCustomersByEmail(stripe, query.email)).customers);
}

export type LatestOrder = {
  latest_order_session: string | null;
  latest_order_payment_link: string | null;
  latest_order_amount: string | null;
  latest_order_currency: string | null;
  latest_order_created: string | null;
};

const NO_ORDER: LatestOrder = {
  latest_order_session: null,
  latest_order_payment_link: null,
  latest_order_amount: null,
  latest_order_currency: null,
  latest_order_created: null,
};

/** The customer's newest completed Checkout Session that came from a Payment Link, or null. */
export async function latestLinkOrder(
  stripe: Stripe,
  customer: string,
): Promise<LatestOrder | null> {
  const sessions = await stripe.checkout.sessions.list({ customer, status: 'complete', limit: 20 });
  const session = sessions.data.find((s) => s.payment_link);
  if (!session) return null;
  const currency = session.currency ?? null;
  return {
    latest_order_session: session.id,
    latest_order_payment_link: idOf(session.payment_link),
    latest_order_amount:
      session.amount_total !== null && currency
        ? toDecimalString(session.amount_total, currency)
        : null,
    latest_order_currency: currency,
    latest_order_created: isoFromUnix(session.created),
  };
}

export type CustomerRecord = LatestOrder & {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  default_currency: string | null;
  created: string | null;
  dashboard_url: string;
  customers_matched: number;
};

export function customerRecord(
  customer: Stripe.Customer,
  matched: number,
  latestOrder: LatestOrder | null,
  account: string | null,
): CustomerRecord {
  return {
    id: customer.id,
    email: customer.email ?? null,
    name: customer.name ?? null,
    phone: customer.phone ?? null,
    default_currency: customer.currency ?? null,
    created: isoFromUnix(customer.created),
    dashboard_url: dashboardUrl(`customers/${customer.id}`, customer.livemode, account),
    customers_matched: matched,
    ...(latestOrder ?? NO_ORDER),
  };
}
