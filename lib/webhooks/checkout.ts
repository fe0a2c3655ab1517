import { RECONNECT_STRIPE } from '../errors';
import type Stripe from 'stripe';
import {
  isPaidOrder,
  orderForSession,
  orderWithoutLineItems,
  ORDER_LIST_EXPAND,
  withFeesIfAllowed,
  type CheckoutOrder,
} from '../stripe/order';
import { isStripeError } from '../stripe/errors';
import type { StripeClient } from '../stripe/client';
import { idOf } from '../stripe/ids';
import type { ConnectionCache } from '../cache';
import { mapConcurrent } from '../concurrency';
import { stepLimiter } from '../stripe/limiter';
import type { Selection } from './lifecycle';

export const CHECKOUT_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
];

/** No filter: every paid session fires. A filter: only sessions from those links. */
export function passesLinkFilter(
  session: Pick<Stripe.Checkout.Session, 'payment_link'>,
  links: string[],
): boolean {
  if (links.length === 0) return true;
  const link = idOf(session.payment_link);
  return link !== null && links.includes(link);
}

type SessionEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;
export type SessionSelector = (
  event: Stripe.Event,
  links: string[],
) => Selection<Stripe.Checkout.Session> | null;

/** The session of one of these events, when it is an order (not `setup`) from a chosen link. */
function orderSession(
  event: Stripe.Event,
  types: SessionEvent[],
  links: string[],
): Stripe.Checkout.Session | null {
  if (!types.includes(event.type as SessionEvent)) return null;
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.object !== 'checkout.session' || session.mode === 'setup') return null;
  return passesLinkFilter(session, links) ? session : null;
}

/**
 * Fires once per paid order: on completion when already paid (or free), on async success for
 * delayed methods; never for a completed-but-unpaid session nor a `setup` session (no payment).
 * Pure: no API call.
 */
export const selectPaidSession: SessionSelector = (event, links) => {
  const session = orderSession(event, CHECKOUT_EVENTS, links);
  return session && isPaidOrder(session)
    ? { object: session, onceKey: `order:${session.id}` }
    : null;
};

export const PAYMENT_FAILED_EVENTS: SessionEvent[] = ['checkout.session.async_payment_failed'];

/** Fires once per order whose delayed payment (bank debit, voucher) failed. Pure. */
export const selectFailedSession: SessionSelector = (event, links) => {
  const session = orderSession(event, PAYMENT_FAILED_EVENTS, links);
  return session ? { object: session, onceKey: `payment-failed:${session.id}` } : null;
};

export const EXPIRED_EVENTS: SessionEvent[] = ['checkout.session.expired'];

/** A session of a Payment Link, not of another Checkout integration of the account. */
const fromPaymentLink = (session: Pick<Stripe.Checkout.Session, 'payment_link'>) =>
  idOf(session.payment_link) !== null;

/** Fires once per Payment Link checkout that expired unpaid (abandoned). Pure. */
export const selectAbandonedSession: SessionSelector = (event, links) => {
  const session = orderSession(event, EXPIRED_EVENTS, links);
  return session && fromPaymentLink(session)
    ? { object: session, onceKey: `expired:${session.id}` }
    : null;
};

/** Why a lookup failed, in words for the order record (never the key, never the raw message). */
export function lookupFailure(err: unknown, resource = 'Checkout Sessions'): string {
  if (!isStripeError(err)) return 'no answer from Stripe';
  if (err.type === 'StripeAuthenticationError')
    return `Stripe rejected the API key: ${RECONNECT_STRIPE}`;
  if (err.type === 'StripePermissionError') return `the restricted key may not read ${resource}`;
  if (err.type === 'StripeConnectionError') return 'no answer from Stripe';
  return `Stripe answered ${err.statusCode ?? err.type}`;
}

/**
 * The order record for a webhook's session: one Stripe call (webhooks carry no line items; the
 * same retrieve expands the link and the charge for their URLs). The webhook is already
 * acknowledged, so a failed lookup (after the SDK's retry) still fires the order from the
 * event's own data, marked `line_items_status: "unavailable"`.
 */
export async function orderFromWebhookSession(
  stripe: StripeClient,
  session: Stripe.Checkout.Session,
  account: string | null,
): Promise<CheckoutOrder> {
  try {
    return await orderForSession(stripe, session, account);
  } catch (err) {
    return orderWithoutLineItems(session, lookupFailure(err), account);
  }
}

/** Which sessions a sample lists: Stripe's status filter, and what is kept of the page. */
export type SessionKind = {
  status: NonNullable<Stripe.Checkout.SessionListParams['status']>;
  keep: (session: Stripe.Checkout.Session) => boolean;
};
const PAID: SessionKind = { status: 'complete', keep: isPaidOrder };
export const ABANDONED: SessionKind = { status: 'expired', keep: fromPaymentLink };

/**
 * The newest sessions of a kind (one list call per chosen link, or one for the account), each
 * listed with what its order record needs (ORDER_LIST_EXPAND): no further call per session.
 * A page holds 100; expired sessions are filtered after listing (no filter says "from a link").
 */
export async function recentSessions(
  stripe: StripeClient,
  links: string[],
  limit: number,
  kind: SessionKind = PAID,
): Promise<Stripe.Checkout.Session[]> {
  const pageSize = kind === PAID ? Math.min(100, limit) : 100;
  const pages = await Promise.all(
    (links.length ? links : [undefined]).map((link) =>
      withFeesIfAllowed(stripe, ORDER_LIST_EXPAND, (expand) =>
        stripe.checkout.sessions.list({
          status: kind.status,
          limit: pageSize,
          expand,
          ...(link ? { payment_link: link } : {}),
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => page.data)
    .filter(kind.keep)
    .sort((a, b) => b.created - a.created)
    .slice(0, limit);
}

/** The newest paid orders, in the trigger's shape (for the Zap editor's sample). */
export async function recentOrders(
  stripe: StripeClient,
  links: string[],
  limit: number,
  account: string | null,
): Promise<CheckoutOrder[]> {
  const sessions = await recentSessions(stripe, links, limit);
  return Promise.all(sessions.map((s) => orderForSession(stripe, s, account)));
}

/** How many session reads a poll keeps in flight; the step's limiter paces them to the key's mode. */
const POLL_LOOKUPS_IN_FLIGHT = 8;
const SESSION_READ_ENDPOINT = 'GET /v1/checkout/sessions/:id';
const POLLED_ORDER_TTL_SECONDS = 24 * 60 * 60;

/**
 * The newest paid orders read from Stripe's Events list (kept 30 days), newest first, one per
 * session: the polling trigger's records (and samples, up to `limit`). One list call; each
 * order is read once (paced by the step's rate limiter) and kept for a day in the connection's
 * cache, so later polls that still see the event cost no further calls.
 */
export async function recentOrdersFromEvents(
  stripe: StripeClient,
  cache: ConnectionCache,
  links: string[],
  account: string | null,
  kind: { types: SessionEvent[]; select: SessionSelector; limit?: number } = {
    types: CHECKOUT_EVENTS,
    select: selectPaidSession,
  },
): Promise<CheckoutOrder[]> {
  const page = await stripe.events.list({ types: kind.types, limit: 100 });
  const picked = new Map<string, Selection<Stripe.Checkout.Session>>();
  for (const event of page.data) {
    const selection = kind.select(event, links);
    if (selection && !picked.has(selection.object.id)) picked.set(selection.object.id, selection);
  }
  const selections = [...picked.values()].slice(0, kind.limit ?? picked.size);
  // A first poll may see 100 new orders: test keys allow 25 requests/s for the whole account.
  const reads = stepLimiter(stripe).endpoint(SESSION_READ_ENDPOINT, 1);
  return mapConcurrent(selections, POLL_LOOKUPS_IN_FLIGHT, async ({ object, onceKey }) => {
    const key = `polled:${onceKey}`;
    const kept = await cache.get<CheckoutOrder>(key);
    if (kept && typeof kept === 'object' && kept.id === object.id) return kept;
    await reads.take();
    const order = await orderFromWebhookSession(stripe, object, account);
    if (order.line_items_status === 'complete')
      await cache.set(key, order, POLLED_ORDER_TTL_SECONDS);
    return order;
  });
}
