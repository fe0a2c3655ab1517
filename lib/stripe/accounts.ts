import type Stripe from 'stripe';
import { isStripeError, NotInAccount } from './errors';

/** Stripe's "no such object", or ours: the object is not in the account asked. */
export function isMissing(err: unknown): boolean {
  return (isStripeError(err) && err.code === 'resource_missing') || err instanceof NotInAccount;
}

/**
 * Looks an object up on each account in turn — the connection's connected account, then the
 * platform — and returns the first hit with the client that found it. A link or payment made as
 * a destination charge lives on the platform even when the connection acts for a connected
 * account; ids are unique across Stripe, so the hit is the object asked for. `find` answers null,
 * Stripe's resource_missing or NotInAccount when it is not there; when no account has it, the first account's
 * answer stands (null, or its error).
 */
export async function findOnAccounts<T>(
  clients: Stripe[],
  find: (stripe: Stripe) => Promise<T | null>,
): Promise<{ stripe: Stripe; found: T } | null> {
  let firstMissing: unknown = null;
  for (const stripe of clients) {
    try {
      const found = await find(stripe);
      if (found !== null) return { stripe, found };
    } catch (err) {
      if (!isMissing(err)) throw err;
      firstMissing ??= err;
    }
  }
  if (firstMissing) throw firstMissing;
  return null;
}
