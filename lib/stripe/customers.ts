import type Stripe from 'stripe';
import { checkAddress } from '../email/address';
import { checkStripeId } from './validate';

export type CustomerRef = { id: string } | { email: string };

/** A `cus_…` id or one email address; anything else gets a message and nothing is sent. */
export function parseCustomerRef(value: unknown): CustomerRef | { problem: string } {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (raw.startsWith('cus_')) {
    const id = checkStripeId(raw, ['customer'], 'Customer');
    return 'problem' in id ? id : { id: id.id };
  }
  if (!raw)
    return { problem: 'Customer is empty. Map the customer ID (cus_…) or their email address.' };
  const email = checkAddress(raw, 'Customer');
  if ('problem' in email) return { problem: `${email.problem} Or use the customer ID (cus_…).` };
  return { email: email.address };
}

export type FoundCustomer = {
  id: string;
  email: string | null;
  sameEmail: number;
  moreThan: boolean;
};

/**
 * The live Customers with this email (up to 100). Stripe's email filter is exact and
 * case-sensitive, so a miss is retried lowercased.
 */
export async function listCustomersByEmail(
  stripe: Stripe,
  email: string,
): Promise<{ customers: Stripe.Customer[]; hasMore: boolean }> {
  const candidates = email === email.toLowerCase() ? [email] : [email, email.toLowerCase()];
  for (const candidate of candidates) {
    const list = await stripe.customers.list({ email: candidate, limit: 100 });
    const live = list.data.filter((c) => !(c as { deleted?: boolean }).deleted);
    if (live.length > 0) return { customers: live, hasMore: list.has_more };
  }
  return { customers: [], hasMore: false };
}

/** The most recent Customer with this email; `sameEmail` counts the matches seen (up to 100). */
export async function findCustomerByEmail(
  stripe: Stripe,
  email: string,
): Promise<FoundCustomer | null> {
  const { customers, hasMore } = await listCustomersByEmail(stripe, email);
  if (customers.length === 0) return null;
  const newest = customers.reduce((a, b) => (b.created > a.created ? b : a));
  return { id: newest.id, email: newest.email, sameEmail: customers.length, moreThan: hasMore };
}
