import type Stripe from 'stripe';
import {
  canceledSubscriptionToRecord,
  failedPaymentToRecord,
  invoicePlan,
  subscriptionPlan,
  type CanceledSubscriptionRecord,
  type FailedPaymentRecord,
  type PlanLookup,
} from '../stripe/billing-record';
import type { StripeClient } from '../stripe/client';
import { invoiceSubscription } from '../stripe/invoice';
import { idOf } from '../stripe/ids';
import { stepLimiter } from '../stripe/limiter';
import { orderLinkFields } from '../stripe/order-link';
import { lookupFailure } from './checkout';
import type { Selection } from './lifecycle';
import { findOrderSession, ORDER_LOOKUP_ENDPOINT, withOrderLookups } from './order-lookup';

/** What a record costs beyond the event: the order lookup and the plan (see findPlan). */
const FAILED_PAYMENT_LOOKUPS = [ORDER_LOOKUP_ENDPOINT, 'GET /v1/prices/:id'];
const CANCELED_SUBSCRIPTION_LOOKUPS = [ORDER_LOOKUP_ENDPOINT, 'GET /v1/products/:id'];
/** Read only when the order gave no email (see customerContact). */
const CUSTOMER_READ_ENDPOINT = 'GET /v1/customers/:id';

type EnabledEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;

export const INVOICE_PAYMENT_FAILED_EVENTS: EnabledEvent[] = ['invoice.payment_failed'];
export const SUBSCRIPTION_CANCELED_EVENTS: EnabledEvent[] = ['customer.subscription.deleted'];

/**
 * Fires once per failed attempt of a subscription invoice: Stripe retries a failed payment on
 * its schedule and each attempt (1, 2, 3…) is a dunning step of its own; a re-delivery of the
 * same attempt does not fire again. One-off invoices (no subscription) do not fire. Pure.
 */
export function selectFailedInvoice(event: Stripe.Event): Selection<Stripe.Invoice> | null {
  if (!(INVOICE_PAYMENT_FAILED_EVENTS as string[]).includes(event.type)) return null;
  const invoice = event.data.object as Stripe.Invoice;
  if (invoice.object !== 'invoice' || !invoice.id || !invoiceSubscription(invoice)) return null;
  return {
    object: invoice,
    onceKey: `invoice-payment-failed:${invoice.id}:${invoice.attempt_count ?? 0}`,
  };
}

/** Fires once per subscription that ended (canceled now, or at the period's end). Pure. */
export function selectCanceledSubscription(
  event: Stripe.Event,
): Selection<Stripe.Subscription> | null {
  if (!(SUBSCRIPTION_CANCELED_EVENTS as string[]).includes(event.type)) return null;
  const subscription = event.data.object as Stripe.Subscription;
  if (subscription.object !== 'subscription' || !subscription.id) return null;
  return { object: subscription, onceKey: `subscription-canceled:${subscription.id}` };
}

/**
 * One call for the product's name. A subscription carries its whole price (amount, interval:
 * immutable on a price), so only the product is read; an invoice line names the price by id
 * only, so the price is read with its product expanded. A failure keeps what the object says.
 */
async function findPlan(
  stripe: StripeClient,
  own: Omit<PlanLookup, 'message'>,
): Promise<PlanLookup> {
  const { price: carried, ids } = own;
  if (!ids.price) return { ...own, message: 'No price to read the plan from.' };
  const product = carried ? ids.product : null;
  try {
    const price =
      carried && product
        ? { ...carried, product: await stripe.products.retrieve(product) }
        : await stripe.prices.retrieve(ids.price, { expand: ['product'] });
    return { ...own, price, message: null };
  } catch (err) {
    const resource = product ? 'Products' : 'Prices';
    return { ...own, message: `The plan could not be read (${lookupFailure(err, resource)}).` };
  }
}

/** The order and plan of a subscription: two calls at once, each degrading on its own. */
async function lookUp(
  stripe: StripeClient,
  subscription: string | null,
  own: Omit<PlanLookup, 'message'>,
) {
  return Promise.all([
    findOrderSession(stripe, subscription ? { subscription } : null, 'subscription'),
    findPlan(stripe, own),
  ]);
}

export async function failedPaymentRecordFor(
  stripe: StripeClient,
  invoice: Stripe.Invoice,
  { account }: { account: string | null },
): Promise<FailedPaymentRecord> {
  const [order, plan] = await lookUp(stripe, invoiceSubscription(invoice), invoicePlan(invoice));
  return failedPaymentToRecord(invoice, plan, order, account);
}

export async function canceledSubscriptionRecordFor(
  stripe: StripeClient,
  subscription: Stripe.Subscription,
  { account }: { account: string | null },
): Promise<CanceledSubscriptionRecord> {
  const [order, plan] = await lookUp(stripe, subscription.id, subscriptionPlan(subscription));
  const contact = orderLinkFields(order).customer_email
    ? undefined
    : await customerContact(stripe, idOf(subscription.customer as string | { id: string }));
  return canceledSubscriptionToRecord(subscription, plan, order, account, contact);
}

/**
 * The customer's email and name, read only when the order had none (a subscription made outside
 * Checkout, or a failed lookup): a win-back email needs the address. Never throws.
 */
async function customerContact(
  stripe: StripeClient,
  id: string | null,
): Promise<{ email: string | null; name: string | null } | undefined> {
  if (!id) return undefined;
  try {
    // Paced like the record's other lookups: a sample builds up to 100 records at once.
    await stepLimiter(stripe).endpoint(CUSTOMER_READ_ENDPOINT, 1).take();
    const customer = await stripe.customers.retrieve(id);
    if ('deleted' in customer && customer.deleted) return undefined;
    const { email, name } = customer as Stripe.Customer;
    return { email: email ?? null, name: name ?? null };
  } catch {
    return undefined;
  }
}

/** Open subscription invoices with a failed attempt, newest first, for samples. */
export async function recentFailedPayments(
  stripe: StripeClient,
  options: { limit: number; account: string | null },
): Promise<FailedPaymentRecord[]> {
  const page = await stripe.invoices.list({ status: 'open', limit: 100 });
  const failed = page.data
    .filter((i) => i.attempt_count > 0 && invoiceSubscription(i))
    .slice(0, options.limit);
  return withOrderLookups(
    stripe,
    failed,
    (invoice) => failedPaymentRecordFor(stripe, invoice, options),
    FAILED_PAYMENT_LOOKUPS,
  );
}

/** The newest canceled subscriptions, for samples. */
export async function recentCanceledSubscriptions(
  stripe: StripeClient,
  options: { limit: number; account: string | null },
): Promise<CanceledSubscriptionRecord[]> {
  const page = await stripe.subscriptions.list({ status: 'canceled', limit: options.limit });
  return withOrderLookups(
    stripe,
    page.data,
    (subscription) => canceledSubscriptionRecordFor(stripe, subscription, options),
    CANCELED_SUBSCRIPTION_LOOKUPS,
  );
}
