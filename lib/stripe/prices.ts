import type Stripe from 'stripe';
import { moneyText } from '../money';

export type PriceChoice = { id: string; name: string; currency: string; recurring: string | null };

function amountLabel(price: Stripe.Price): string {
  const currency = price.currency.toUpperCase();
  if (price.unit_amount !== null) return moneyText(price.unit_amount, price.currency);
  if (price.custom_unit_amount) return `customer chooses (${currency})`;
  return `tiered/usage (${currency})`;
}

function intervalLabel(recurring: Stripe.Price.Recurring | null): string | null {
  if (!recurring) return null;
  return recurring.interval_count > 1
    ? `every ${recurring.interval_count} ${recurring.interval}s`
    : `per ${recurring.interval}`;
}

/** "Art print (A4) — 24.00 USD", "Pro plan — 12.00 EUR per month", with the price's nickname. */
export function priceChoice(price: Stripe.Price): PriceChoice {
  const product = productName(price.product);
  const title = [product, price.nickname].filter(Boolean).join(' · ') || price.id;
  const interval = intervalLabel(price.recurring);
  return {
    id: price.id,
    name: `${title} — ${amountLabel(price)}${interval ? ` ${interval}` : ''}`,
    currency: price.currency,
    recurring: interval,
  };
}

/** The name of a price's product when it was expanded and not deleted, else null. */
export function productName(product: Stripe.Price['product'] | undefined): string | null {
  if (!product || typeof product === 'string' || ('deleted' in product && product.deleted))
    return null;
  return (product as Stripe.Product).name ?? null;
}
