import type Stripe from 'stripe';
import { recoveryUrl } from '../links/recovery';
import { isoFromUnix } from './ids';
import type { CheckoutOrder } from './order';

/** A Payment Link checkout that expired unpaid: the order record, and how to bring the customer back. */
export type AbandonedCheckout = CheckoutOrder & {
  expired_at: string | null;
  /** `opt_in` / `opt_out` when the link asked for promotional consent, else null. */
  promotions_consent: string | null;
  /** The link with the customer's email and client_reference_id prefilled; null without the link's URL. */
  recovery_url: string | null;
};

/** Pure: the expired session and its order record → the abandoned checkout. */
export function abandonedCheckout(
  session: Stripe.Checkout.Session,
  order: CheckoutOrder,
): AbandonedCheckout {
  return {
    ...order,
    expired_at: isoFromUnix(session.expires_at),
    promotions_consent: session.consent?.promotions ?? null,
    recovery_url: recoveryUrl(order.payment_link_url, {
      email: order.customer_email,
      clientReferenceId: order.client_reference_id,
    }),
  };
}
