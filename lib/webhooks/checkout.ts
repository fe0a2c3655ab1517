import type Stripe from 'stripe';
import { checkoutSessionToOrder, isPaid, lineItemsFor, type CheckoutOrder } from '../stripe/order';
import type { StripeClient } from '../stripe/client';
import { idOf } from '../stripe/ids';
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

/**
 * Fires once per paid order: on completion when already paid (or free), on async success for
 * delayed methods; never for a completed-but-unpaid session. Pure: no API call.
 */
export function selectPaidSession(
  event: Stripe.Event,
  links: string[],
): Selection<Stripe.Checkout.Session> | null {
  if (!CHECKOUT_EVENTS.includes(event.type as Stripe.WebhookEndpointCreateParams.EnabledEvent))
    return null;
  const session = event.data.object as Stripe.Checkout.Session;
  if (
    session.object !== 'checkout.session' ||
    !isPaid(session) ||
    !passesLinkFilter(session, links)
  )
    return null;
  return { object: session, onceKeys: [`checkout-order:${session.id}`] };
}

/** The order record for a webhook's session: one Stripe call (webhooks carry no line items). */
export async function orderFromWebhookSession(
  stripe: StripeClient,
  session: Stripe.Checkout.Session,
  account: string | null,
): Promise<CheckoutOrder> {
  return checkoutSessionToOrder(session, await lineItemsFor(stripe, session), account);
}

/** The newest paid orders, in the trigger's shape (for the Zap editor's sample). */
export async function recentOrders(
  stripe: StripeClient,
  links: string[],
  limit: number,
  account: string | null,
): Promise<CheckoutOrder[]> {
  const pages = await Promise.all(
    (links.length ? links : [undefined]).map((link) =>
      stripe.checkout.sessions.list({
        status: 'complete',
        limit: Math.min(100, limit),
        expand: ['data.line_items'],
        ...(link ? { payment_link: link } : {}),
      }),
    ),
  );
  const sessions = pages
    .flatMap((page) => page.data)
    .filter(isPaid)
    .sort((a, b) => b.created - a.created)
    .slice(0, limit);
  return Promise.all(
    sessions.map(async (s) => checkoutSessionToOrder(s, await lineItemsFor(stripe, s), account)),
  );
}
