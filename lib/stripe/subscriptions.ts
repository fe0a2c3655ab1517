import type Stripe from 'stripe';
import { moneyText } from '../money';
import { findCustomerByEmail, parseCustomerRef } from './customers';
import { isStripeError } from './errors';
import { productName } from './prices';

type Page = { limit: number; starting_after?: string };
type ListPage<T> = { data: T[]; has_more: boolean };

/**
 * Whose subscriptions the dropdown lists: the customer chosen in the step (an id, or an email
 * resolved to its most recent customer), or every customer's when the field holds neither yet.
 * `null` when the email belongs to no customer: nothing to list.
 */
async function customerFilter(
  stripe: Stripe,
  value: unknown,
): Promise<{ customer?: string } | null> {
  const ref = parseCustomerRef(value);
  if ('problem' in ref) return {};
  if ('id' in ref) return { customer: ref.id };
  const found = await findCustomerByEmail(stripe, ref.email);
  return found ? { customer: found.id } : null;
}

/**
 * Product names for the page's prices, fetched in one call per 100 products: a list cannot expand
 * `data.items.data.price.product` (five levels; Stripe expands at most four). Without Products
 * read permission the labels fall back to price nicknames.
 */
async function attachProducts(stripe: Stripe, subscriptions: Stripe.Subscription[]): Promise<void> {
  const prices = subscriptions.flatMap((s) => s.items.data.map((item) => item.price));
  const ids = [...new Set(prices.map((p) => p.product).filter((p) => typeof p === 'string'))];
  const products = new Map<string, Stripe.Product>();
  try {
    for (let at = 0; at < ids.length; at += 100) {
      const page = await stripe.products.list({ ids: ids.slice(at, at + 100), limit: 100 });
      for (const product of page.data) products.set(product.id, product);
    }
  } catch (err) {
    if (isStripeError(err) && err.type === 'StripePermissionError') return;
    throw err;
  }
  for (const price of prices)
    if (typeof price.product === 'string' && products.has(price.product))
      price.product = products.get(price.product)!;
}

/**
 * One page of subscriptions for the portal's Subscription dropdown. No `status`: Stripe then lists
 * every subscription that is not canceled — the ones the portal can still cancel or change (no
 * single status value says that). Without a customer, each label names the customer.
 */
export async function listSubscriptionsForDropdown(
  stripe: Stripe,
  page: Page,
  customer: unknown,
): Promise<ListPage<Stripe.Subscription>> {
  const filter = await customerFilter(stripe, customer);
  if (!filter) return { data: [], has_more: false };
  const result = await stripe.subscriptions.list({
    ...filter,
    ...(filter.customer ? {} : { expand: ['data.customer'] }),
    ...page,
  });
  await attachProducts(stripe, result.data);
  return result;
}

export type SubscriptionChoice = {
  id: string;
  name: string;
  status: Stripe.Subscription.Status;
  customer: string;
};

function planName(price: Stripe.Price): string {
  return productName(price.product) || price.nickname || price.id;
}

/** "20.00 USD/month", "90.00 EUR every 3 months", "usage-based/month". */
function priceLabel(price: Stripe.Price): string {
  const amount =
    price.unit_amount !== null ? moneyText(price.unit_amount, price.currency) : 'usage-based';
  const recurring = price.recurring;
  if (!recurring) return amount;
  return recurring.interval_count > 1
    ? `${amount} every ${recurring.interval_count} ${recurring.interval}s`
    : `${amount}/${recurring.interval}`;
}

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

function customerLabel(customer: Stripe.Subscription['customer']): string | null {
  if (typeof customer === 'string' || ('deleted' in customer && customer.deleted)) return null;
  const { email, name } = customer as Stripe.Customer;
  return email || name || null;
}

/** "Pro plan × 2 · 20.00 USD/month · active · ana@example.com · sub_…" (what, how much, state, who). */
export function subscriptionChoice(subscription: Stripe.Subscription): SubscriptionChoice {
  const [first, ...rest] = subscription.items.data;
  const what = first
    ? `${planName(first.price)}${(first.quantity ?? 1) > 1 ? ` × ${first.quantity}` : ''}${rest.length ? ` + ${rest.length} more` : ''}`
    : 'Subscription';
  const ending = subscription.cancel_at ? `cancels ${day(subscription.cancel_at)}` : null;
  const name = [
    what,
    first ? priceLabel(first.price) : null,
    ending ? `${subscription.status}, ${ending}` : subscription.status,
    customerLabel(subscription.customer),
    subscription.id,
  ]
    .filter(Boolean)
    .join(' · ');
  const customer =
    typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
  return { id: subscription.id, name, status: subscription.status, customer };
}
