import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { dashboardUrl, idOf, isoFromUnix } from './ids';
import { invoiceSubscription } from './invoice';
import { orderLinkFields, type OrderLinkFields, type OrderLookup } from './order-link';
import { productName } from './prices';

/** What a subscription is paid for: its (first) price, as the Zap sees it. */
export type PlanFields = {
  price_id: string | null;
  product_id: string | null;
  product_name: string | null;
  interval: string | null;
  interval_count: number | null;
  plan_amount: number | null;
  plan_amount_decimal: string | null;
  plan_currency: string | null;
  quantity: number | null;
  plan_lookup_message: string | null;
};

/** A plan as far as it is known: the price read from Stripe, else the ids the object names. */
export type PlanLookup = {
  price: Stripe.Price | null;
  ids: { price: string | null; product: string | null };
  quantity: number | null;
  message: string | null;
};

/** Pure: the plan's fields. */
export function planFields({ price, ids, quantity, message }: PlanLookup): PlanFields {
  return {
    price_id: price?.id ?? ids.price,
    product_id: idOf(price?.product as string | { id: string } | undefined) ?? ids.product,
    product_name: productName(price?.product),
    interval: price?.recurring?.interval ?? null,
    interval_count: price?.recurring?.interval_count ?? null,
    plan_amount: price?.unit_amount ?? null,
    plan_amount_decimal: decimalOrNull(price?.unit_amount, price?.currency),
    plan_currency: price?.currency ?? null,
    quantity,
    plan_lookup_message: message,
  };
}

/** The subscription's own first item: its price (product not expanded) and quantity. Pure. */
export function subscriptionPlan(subscription: Stripe.Subscription): Omit<PlanLookup, 'message'> {
  const item = subscription.items?.data?.[0];
  const price = item?.price ?? null;
  return {
    price,
    ids: { price: price?.id ?? null, product: idOf(price?.product as string | null) },
    quantity: item?.quantity ?? null,
  };
}

/** The invoice's first line billed from a price: the ids it names, and its quantity. Pure. */
export function invoicePlan(invoice: Stripe.Invoice): Omit<PlanLookup, 'message'> {
  const line = (invoice.lines?.data ?? []).find((l) => l.pricing?.price_details);
  const details = line?.pricing?.price_details;
  const price = details && typeof details.price === 'object' ? details.price : null;
  return {
    price,
    ids: { price: idOf(details?.price ?? null), product: details?.product ?? null },
    quantity: line?.quantity ?? null,
  };
}

type Customer = {
  customer: string | null;
  customer_email: string | null;
  customer_name: string | null;
};

function withCustomer(
  order: OrderLinkFields,
  own: { id: string | null; email: string | null; name: string | null },
): OrderLinkFields & Customer {
  return {
    ...order,
    customer: own.id,
    customer_email: own.email ?? order.customer_email,
    customer_name: own.name ?? order.customer_name,
  };
}

export type FailedPaymentRecord = {
  id: string;
  number: string | null;
  status: string | null;
  subscription: string | null;
  attempt_count: number;
  next_payment_attempt: string | null;
  final_attempt: boolean;
  amount_due: number;
  amount_due_decimal: string | null;
  currency: string;
  billing_reason: string | null;
  hosted_invoice_url: string | null;
  dashboard_url: string;
} & PlanFields &
  OrderLinkFields &
  Customer;

/** Pure: a subscription invoice whose payment failed → the dunning record. */
export function failedPaymentToRecord(
  invoice: Stripe.Invoice,
  plan: PlanLookup,
  order: OrderLookup,
  account?: string | null,
): FailedPaymentRecord {
  return {
    id: invoice.id ?? '',
    number: invoice.number,
    status: invoice.status,
    subscription: invoiceSubscription(invoice),
    attempt_count: invoice.attempt_count,
    next_payment_attempt: isoFromUnix(invoice.next_payment_attempt),
    final_attempt: invoice.next_payment_attempt === null,
    amount_due: invoice.amount_due,
    amount_due_decimal: decimalOrNull(invoice.amount_due, invoice.currency),
    currency: invoice.currency,
    billing_reason: invoice.billing_reason,
    hosted_invoice_url: invoice.hosted_invoice_url ?? null,
    ...planFields(plan),
    ...withCustomer(orderLinkFields(order), {
      id: idOf(invoice.customer as string | { id: string } | null),
      email: invoice.customer_email,
      name: invoice.customer_name,
    }),
    dashboard_url: dashboardUrl(`invoices/${invoice.id}`, invoice.livemode, account),
  };
}

export type CanceledSubscriptionRecord = {
  id: string;
  status: string;
  created: string | null;
  canceled_at: string | null;
  ended_at: string | null;
  cancellation_reason: string | null;
  cancellation_feedback: string | null;
  cancellation_comment: string | null;
  latest_invoice: string | null;
  dashboard_url: string;
} & PlanFields &
  OrderLinkFields &
  Customer;

/**
 * Pure: a deleted (ended) subscription → the win-back record. The customer's email and name are
 * the customer's own when read (`contact`), else the order's checkout details.
 */
export function canceledSubscriptionToRecord(
  subscription: Stripe.Subscription,
  plan: PlanLookup,
  order: OrderLookup,
  account?: string | null,
  contact: { email: string | null; name: string | null } = { email: null, name: null },
): CanceledSubscriptionRecord {
  const details = subscription.cancellation_details;
  return {
    id: subscription.id,
    status: subscription.status,
    created: isoFromUnix(subscription.created),
    canceled_at: isoFromUnix(subscription.canceled_at),
    ended_at: isoFromUnix(subscription.ended_at),
    cancellation_reason: details?.reason ?? null,
    cancellation_feedback: details?.feedback ?? null,
    cancellation_comment: details?.comment ?? null,
    latest_invoice: idOf(subscription.latest_invoice as string | { id: string } | null),
    ...planFields(plan),
    ...withCustomer(orderLinkFields(order), {
      id: idOf(subscription.customer as string | { id: string }),
      ...contact,
    }),
    dashboard_url: dashboardUrl(`subscriptions/${subscription.id}`, subscription.livemode, account),
  };
}
