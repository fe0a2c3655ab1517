import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { customerNameParts } from '../names';
import { isStripeError } from './errors';
import { dashboardUrl, idOf, isoFromUnix } from './ids';

/**
 * One flat record per Payment Link order. Shared by the checkout trigger (perform and
 * performList), the Find Checkout Session search, the Sheets logger and the email summary.
 */
export type OrderLineItem = {
  description: string;
  quantity: number;
  unit_amount: number | null;
  unit_amount_decimal: string | null;
  amount_subtotal: number;
  amount_discount: number;
  amount_tax: number;
  amount_total: number;
  amount_total_decimal: string;
  currency: string;
  price_id: string | null;
  product_id: string | null;
  product_name: string;
};

export type CheckoutOrder = {
  id: string;
  created: string;
  mode: string;
  livemode: boolean;
  status: string | null;
  payment_status: string;
  client_reference_id: string | null;
  payment_link: string | null;
  payment_link_url: string | null;
  metadata: Record<string, string>;
  customer: string | null;
  customer_name: string | null;
  customer_first_name: string | null;
  customer_last_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  customer_address_line1: string | null;
  customer_address_line2: string | null;
  customer_address_city: string | null;
  customer_address_state: string | null;
  customer_address_postal_code: string | null;
  customer_address_country: string | null;
  shipping_name: string | null;
  shipping_address_line1: string | null;
  shipping_address_line2: string | null;
  shipping_address_city: string | null;
  shipping_address_state: string | null;
  shipping_address_postal_code: string | null;
  shipping_address_country: string | null;
  custom_fields: Record<string, string | null>;
  currency: string | null;
  amount_subtotal: number | null;
  amount_subtotal_decimal: string | null;
  amount_discount: number | null;
  amount_discount_decimal: string | null;
  amount_shipping: number | null;
  amount_shipping_decimal: string | null;
  amount_tax: number | null;
  amount_tax_decimal: string | null;
  amount_total: number | null;
  amount_total_decimal: string | null;
  /** What the customer paid in: the session's own currency unless Adaptive Pricing converted it. */
  presentment_currency: string | null;
  presentment_amount_total: number | null;
  presentment_amount_total_decimal: string | null;
  /** From the payment's balance transaction: null until Stripe has one (delayed methods, invoices). */
  settlement_currency: string | null;
  settlement_amount_decimal: string | null;
  fee_decimal: string | null;
  net_decimal: string | null;
  payment_intent: string | null;
  invoice: string | null;
  subscription: string | null;
  receipt_url: string | null;
  line_items: OrderLineItem[];
  line_items_count: number;
  line_items_summary: string;
  /** `complete`, or `unavailable` when Stripe could not be asked for them (the order still fires). */
  line_items_status: 'complete' | 'unavailable';
  line_items_message: string | null;
  dashboard_url: string;
};

export const PAID_STATUSES: ReadonlySet<string> = new Set(['paid', 'no_payment_required']);

export function isPaid(session: Pick<Stripe.Checkout.Session, 'payment_status'>): boolean {
  return PAID_STATUSES.has(session.payment_status);
}

/** A paid order: paid (or free), and not a `setup` session, which only saves a payment method. */
export function isPaidOrder(
  session: Pick<Stripe.Checkout.Session, 'payment_status' | 'mode'>,
): boolean {
  return session.mode !== 'setup' && isPaid(session);
}

/**
 * What one unit cost. A customer-chooses-what-to-pay price (`custom_unit_amount`) has no
 * `unit_amount`: the amount the customer chose is the line's subtotal (before discounts and tax)
 * over its quantity (Stripe sells such a price one at a time).
 */
function unitAmount(item: Stripe.LineItem): number | null {
  const price = item.price;
  if (price && price.unit_amount !== null) return price.unit_amount;
  const quantity = item.quantity ?? 1;
  if (price?.custom_unit_amount && quantity > 0 && item.amount_subtotal % quantity === 0)
    return item.amount_subtotal / quantity;
  return null;
}

export function toOrderLineItem(item: Stripe.LineItem): OrderLineItem {
  const price = item.price;
  const product = price?.product;
  const productName =
    product && typeof product === 'object' && 'name' in product
      ? product.name
      : (item.description ?? '');
  const quantity = item.quantity ?? 1;
  const unit = unitAmount(item);
  return {
    description: item.description ?? productName,
    quantity,
    unit_amount: unit,
    unit_amount_decimal: decimalOrNull(unit, item.currency),
    amount_subtotal: item.amount_subtotal,
    amount_discount: item.amount_discount,
    amount_tax: item.amount_tax,
    amount_total: item.amount_total,
    amount_total_decimal: decimalOrNull(item.amount_total, item.currency) ?? '',
    currency: item.currency,
    price_id: price?.id ?? null,
    product_id: idOf(product as string | { id: string } | null | undefined),
    product_name: productName,
  };
}

function customFieldValue(field: Stripe.Checkout.Session.CustomField): string | null {
  return field.text?.value ?? field.numeric?.value ?? field.dropdown?.value ?? null;
}

function orderDashboardUrl(session: Stripe.Checkout.Session, account?: string | null): string {
  const pi = idOf(session.payment_intent);
  const sub = idOf(session.subscription);
  const customer = idOf(session.customer);
  const link = idOf(session.payment_link);
  const path = pi
    ? `payments/${pi}`
    : sub
      ? `subscriptions/${sub}`
      : customer
        ? `customers/${customer}`
        : link
          ? `payment-links/${link}`
          : 'payments';
  return dashboardUrl(path, session.livemode, account);
}

function expandedLinkUrl(session: Stripe.Checkout.Session): string | null {
  const link = session.payment_link;
  return link && typeof link === 'object' ? link.url : null;
}

/** The charge's receipt (payment mode): only when the session came with its charge expanded. */
function expandedReceiptUrl(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  const charge = intent && typeof intent === 'object' ? intent.latest_charge : null;
  return charge && typeof charge === 'object' ? (charge.receipt_url ?? null) : null;
}

/** The charge's balance transaction: only when the session came with it expanded. */
function expandedBalanceTransaction(
  session: Stripe.Checkout.Session,
): Stripe.BalanceTransaction | null {
  const intent = session.payment_intent;
  const charge = intent && typeof intent === 'object' ? intent.latest_charge : null;
  const txn = charge && typeof charge === 'object' ? charge.balance_transaction : null;
  return txn && typeof txn === 'object' ? txn : null;
}

/**
 * What the customer was charged (Adaptive Pricing presents another currency) and what reached
 * the balance, in the settlement currency, after Stripe's fee. Pure.
 */
export function trueAmounts(session: Stripe.Checkout.Session) {
  const presented = session.presentment_details;
  const currency = presented?.presentment_currency ?? session.currency;
  const amount = presented ? presented.presentment_amount : session.amount_total;
  const txn = expandedBalanceTransaction(session);
  const settled = txn?.currency ?? null;
  return {
    presentment_currency: currency,
    presentment_amount_total: amount,
    presentment_amount_total_decimal: decimalOrNull(amount, currency),
    settlement_currency: settled,
    settlement_amount_decimal: decimalOrNull(txn?.amount, settled),
    fee_decimal: decimalOrNull(txn?.fee, settled),
    net_decimal: decimalOrNull(txn?.net, settled),
  };
}

/** Pure: a Checkout Session plus its line items → the flat order record. */
export function checkoutSessionToOrder(
  session: Stripe.Checkout.Session,
  lineItems: Stripe.LineItem[],
  account?: string | null,
): CheckoutOrder {
  const details = session.customer_details;
  const address = details?.address;
  const shipping = session.collected_information?.shipping_details;
  const currency = session.currency;
  const totals = session.total_details;
  const items = lineItems.map(toOrderLineItem);
  const names = customerNameParts(details ?? {});
  return {
    id: session.id,
    created: isoFromUnix(session.created) ?? '',
    mode: session.mode,
    livemode: session.livemode,
    status: session.status,
    payment_status: session.payment_status,
    client_reference_id: session.client_reference_id,
    payment_link: idOf(session.payment_link),
    payment_link_url: expandedLinkUrl(session),
    metadata: { ...(session.metadata ?? {}) },
    customer: idOf(session.customer),
    customer_name: details?.name ?? details?.business_name ?? details?.individual_name ?? null,
    customer_first_name: names.first,
    customer_last_name: names.last,
    customer_email: details?.email ?? session.customer_email ?? null,
    customer_phone: details?.phone ?? null,
    customer_address_line1: address?.line1 ?? null,
    customer_address_line2: address?.line2 ?? null,
    customer_address_city: address?.city ?? null,
    customer_address_state: address?.state ?? null,
    customer_address_postal_code: address?.postal_code ?? null,
    customer_address_country: address?.country ?? null,
    shipping_name: shipping?.name ?? null,
    shipping_address_line1: shipping?.address?.line1 ?? null,
    shipping_address_line2: shipping?.address?.line2 ?? null,
    shipping_address_city: shipping?.address?.city ?? null,
    shipping_address_state: shipping?.address?.state ?? null,
    shipping_address_postal_code: shipping?.address?.postal_code ?? null,
    shipping_address_country: shipping?.address?.country ?? null,
    custom_fields: Object.fromEntries(
      (session.custom_fields ?? []).map((f) => [f.key, customFieldValue(f)]),
    ),
    currency,
    amount_subtotal: session.amount_subtotal,
    amount_subtotal_decimal: decimalOrNull(session.amount_subtotal, currency),
    amount_discount: totals?.amount_discount ?? null,
    amount_discount_decimal: decimalOrNull(totals?.amount_discount, currency),
    amount_shipping: totals?.amount_shipping ?? null,
    amount_shipping_decimal: decimalOrNull(totals?.amount_shipping, currency),
    amount_tax: totals?.amount_tax ?? null,
    amount_tax_decimal: decimalOrNull(totals?.amount_tax, currency),
    amount_total: session.amount_total,
    amount_total_decimal: decimalOrNull(session.amount_total, currency),
    ...trueAmounts(session),
    payment_intent: idOf(session.payment_intent),
    invoice: idOf(session.invoice),
    subscription: idOf(session.subscription),
    receipt_url: expandedReceiptUrl(session),
    line_items: items,
    line_items_count: items.length,
    line_items_summary: items.map((i) => `${i.quantity} × ${i.description}`).join(', '),
    line_items_status: 'complete',
    line_items_message: null,
    dashboard_url: orderDashboardUrl(session, account),
  };
}

/** The order without its line items, saying why and where to see them (a lookup failed). */
export function orderWithoutLineItems(
  session: Stripe.Checkout.Session,
  why: string,
  account?: string | null,
): CheckoutOrder {
  const order = checkoutSessionToOrder(session, [], account);
  return {
    ...order,
    line_items_summary: '',
    line_items_status: 'unavailable',
    line_items_message: `The order's line items could not be read from Stripe (${why}). See them in the Stripe Dashboard: ${order.dashboard_url}`,
  };
}

const LINE_ITEM_EXPAND = ['data.price.product'];

/**
 * The session's line items in as few calls as possible: none when the session already carries
 * the complete list (expanded on retrieve/list), else one list call of up to 100 (Payment Links
 * allow at most 20 items).
 */
export async function lineItemsFor(
  stripe: Stripe,
  session: Stripe.Checkout.Session,
): Promise<Stripe.LineItem[]> {
  if (session.line_items && !session.line_items.has_more) return session.line_items.data;
  const items: Stripe.LineItem[] = [];
  for await (const item of stripe.checkout.sessions.listLineItems(session.id, {
    limit: 100,
    expand: LINE_ITEM_EXPAND,
  })) {
    items.push(item);
  }
  return items;
}

/**
 * What one session retrieve expands for the order record: line items with products, the link
 * (its URL), the payment's charge (its receipt URL) and its balance transaction (fee and net).
 * Expanding costs no extra call.
 */
export const ORDER_EXPAND = [
  'line_items.data.price.product',
  'payment_link',
  'payment_intent.latest_charge.balance_transaction',
];
/** The same for list calls (products stay unexpanded: list expansions reach 4 levels). */
export const ORDER_LIST_EXPAND = [
  'data.line_items',
  'data.payment_link',
  'data.payment_intent.latest_charge.balance_transaction',
];

const withoutFees = (expand: string[]) =>
  expand.map((path) => path.replace(/\.balance_transaction$/, ''));

/**
 * Per Stripe client, so per step and connection: whether its key may expand balance
 * transactions, once an order read has found out; while the first read is finding out, that read.
 */
const feeAccess = new WeakMap<object, 'allowed' | 'refused' | Promise<unknown>>();

/**
 * A call with the order's expansions. A restricted key without "Balance: read" refuses the
 * balance-transaction expansion: the call is made once more without it, and the order comes
 * without its fee and net (null) instead of failing. The client remembers the refusal, so the
 * step's later order reads go without it at once (one refused request per step, not one per
 * order); reads made while the first is out wait for its answer.
 */
export async function withFeesIfAllowed<T>(
  stripe: object,
  expand: string[],
  call: (expand: string[]) => Promise<T>,
): Promise<T> {
  let known = feeAccess.get(stripe);
  if (known instanceof Promise) {
    await known;
    known = feeAccess.get(stripe);
  }
  if (known === 'refused') return call(withoutFees(expand));
  const read = tryFees(stripe, expand, call);
  if (known === undefined) {
    const probe = read.catch(() => undefined);
    feeAccess.set(stripe, probe);
    // No verdict (the read failed for another reason): the next read finds out.
    void probe.then(() => feeAccess.get(stripe) === probe && feeAccess.delete(stripe));
  }
  return read;
}

async function tryFees<T>(
  stripe: object,
  expand: string[],
  call: (expand: string[]) => Promise<T>,
): Promise<T> {
  try {
    const result = await call(expand);
    feeAccess.set(stripe, 'allowed');
    return result;
  } catch (err) {
    if (!isStripeError(err) || err.type !== 'StripePermissionError') throw err;
    const result = await call(withoutFees(expand));
    feeAccess.set(stripe, 'refused');
    return result;
  }
}

/** One Stripe call: the session with its line items, link, charge and balance transaction. */
export async function retrieveCheckoutOrder(
  stripe: Stripe,
  sessionId: string,
  account?: string | null,
): Promise<CheckoutOrder> {
  const session = await withFeesIfAllowed(stripe, ORDER_EXPAND, (expand) =>
    stripe.checkout.sessions.retrieve(sessionId, { expand }),
  );
  return checkoutSessionToOrder(session, await lineItemsFor(stripe, session), account);
}

function carriesOrder(session: Stripe.Checkout.Session): boolean {
  const expanded = (v: unknown) => v === null || typeof v === 'object';
  return (
    !!session.line_items &&
    !session.line_items.has_more &&
    expanded(session.payment_link) &&
    expanded(session.payment_intent)
  );
}

/**
 * The order record for a session in hand (a webhook's, or a listed one): no call when it already
 * carries items, link and charge (listed with ORDER_LIST_EXPAND), else one retrieve with
 * ORDER_EXPAND — the one call a webhook session needed anyway for its line items.
 */
export async function orderForSession(
  stripe: Stripe,
  session: Stripe.Checkout.Session,
  account?: string | null,
): Promise<CheckoutOrder> {
  if (carriesOrder(session))
    return checkoutSessionToOrder(session, await lineItemsFor(stripe, session), account);
  return retrieveCheckoutOrder(stripe, session.id, account);
}
