import type Stripe from 'stripe';
import type { Selection } from './lifecycle';

export const INVOICE_PAID_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'invoice.paid',
];

/** Fires once per paid invoice, whichever delivery of its event arrives first. Pure. */
export function selectPaidInvoice(event: Stripe.Event): Selection<Stripe.Invoice> | null {
  const invoice = event.data.object as Stripe.Invoice;
  return invoice.object === 'invoice' && invoice.id
    ? { object: invoice, onceKey: `invoice:${invoice.id}` }
    : null;
}
