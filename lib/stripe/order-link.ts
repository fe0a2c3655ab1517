import type Stripe from 'stripe';
import { idOf } from './ids';

/** The order a payment, dispute or subscription belongs to, or why it is not known. */
export type OrderLookup = { session: Stripe.Checkout.Session | null; message: string | null };

/** The order fields every record that links back to its order carries. Pure. */
export function orderLinkFields({ session, message }: OrderLookup) {
  return {
    checkout_session: session?.id ?? null,
    client_reference_id: session?.client_reference_id ?? null,
    payment_link: idOf(session?.payment_link ?? null),
    customer_email: session?.customer_details?.email ?? session?.customer_email ?? null,
    customer_name: session?.customer_details?.name ?? null,
    order_lookup_message: message,
  };
}
export type OrderLinkFields = ReturnType<typeof orderLinkFields>;
