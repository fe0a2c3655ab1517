import type Stripe from 'stripe';
import { moneyText } from '../money';

/** Zapier's cursor store (`z.cursor`): what one dropdown page leaves for the next "Load more". */
export interface CursorStore {
  get(): Promise<string | null | undefined>;
  set(cursor: string): Promise<unknown>;
}

/** Stored after the last page, so "Load more" answers empty instead of starting over. */
const END = 'end';

type ListPage<T> = { data: T[]; has_more: boolean };

/**
 * One Stripe list page (100 objects) per dropdown page: page 0 starts at the newest, each later
 * page continues after the last id the previous one stored. No dropdown stops at a fixed count.
 */
export async function dropdownPage<T extends { id: string }, C>(
  cursor: CursorStore,
  page: number,
  list: (startingAfter: string | undefined) => Promise<ListPage<T>>,
  choice: (item: T) => C,
): Promise<C[]> {
  let after: string | undefined;
  if (page > 0) {
    const stored = await cursor.get();
    if (!stored || stored === END) return [];
    after = stored;
  }
  const result = await list(after);
  const last = result.data[result.data.length - 1];
  await cursor.set(result.has_more && last ? last.id : END);
  return result.data.map(choice);
}

export type CheckoutSessionChoice = { id: string; name: string };

/** "Ada Lovelace · ada@example.com — 48.60 USD — 2026-11-22" (who, how much, when). */
export function checkoutSessionChoice(session: Stripe.Checkout.Session): CheckoutSessionChoice {
  const who =
    [session.customer_details?.name, session.customer_details?.email].filter(Boolean).join(' · ') ||
    session.client_reference_id ||
    'Checkout Session';
  const amount =
    session.amount_total !== null && session.currency
      ? ` — ${moneyText(session.amount_total, session.currency)}`
      : '';
  const day = new Date(session.created * 1000).toISOString().slice(0, 10);
  return { id: session.id, name: `${who}${amount} — ${day}` };
}

export type CustomerChoice = { id: string; name: string; email: string | null };

/** "Ada Lovelace · ada@example.com", or the id when the customer has neither. */
export function customerChoice(customer: Stripe.Customer): CustomerChoice {
  const name = [customer.name, customer.email].filter(Boolean).join(' · ') || customer.id;
  return { id: customer.id, name, email: customer.email ?? null };
}
