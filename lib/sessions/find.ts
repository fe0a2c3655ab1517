import type Stripe from 'stripe';
import { text, unixSeconds } from '../input';
import { disallowedCharacter, maxLength } from '../links/tracking';
import type { ScanResult } from '../scan/scanner';
import { checkStripeId } from '../stripe/validate';
import { scanCheckoutSessions, shortTime } from './scan';

/**
 * With no Created After, the search goes back to the account's first session, as far as the time
 * limit allows. Stripe started in 2011: no account holds an older session, and the empty time
 * before an account's first one costs no more than the last page that finds it empty.
 */
export const EARLIEST_SESSION = Date.UTC(2011, 0, 1) / 1000;
export const STATUSES = ['complete', 'any'] as const;

export type FindRequest = {
  clientReferenceId: string;
  paymentLink: string | null;
  status: (typeof STATUSES)[number];
  from: number;
  to: number;
  /** No Created After: from the account's first session. */
  wholeHistory: boolean;
};

/** Pure: the search the inputs ask for, or the first problem (nothing is sent). */
export function planFind(
  input: Record<string, unknown>,
  nowSeconds: number,
): FindRequest | { problem: string } {
  const ref = text(input.client_reference_id);
  if (!ref)
    return {
      problem: 'Client Reference ID is empty. Map your own order or cart id, as put in the link.',
    };
  const refLength = [...ref].length;
  const max = maxLength('client_reference_id');
  if (refLength > max)
    return {
      problem: `Client Reference ID is ${refLength} characters; Stripe stores at most ${max}, so no session can carry it. Map the reference exactly as it was given to Stripe.`,
    };
  let paymentLink: string | null = null;
  if (text(input.payment_link)) {
    const link = checkStripeId(input.payment_link, ['payment_link'], 'Payment Link');
    if ('problem' in link) return link;
    paymentLink = link.id;
  }
  const status = text(input.status) || 'complete';
  if (!(STATUSES as readonly string[]).includes(status)) {
    return { problem: `Status must be "complete" or "any"; got "${status.slice(0, 30)}".` };
  }
  const after = unixSeconds(input.created_after, 'Created After');
  if ('problem' in after) return after;
  const from = after.value ?? EARLIEST_SESSION;
  if (from >= nowSeconds)
    return {
      problem: `Created After (${shortTime(from)}) is in the future: no session can be newer.`,
    };
  return {
    clientReferenceId: ref,
    paymentLink,
    status: status as FindRequest['status'],
    from,
    to: nowSeconds + 1,
    wholeHistory: after.value === null,
  };
}

/**
 * Not a refusal: sessions made through the API may carry any reference, but a Payment Link URL
 * drops one with other characters than letters, digits, "-" and "_" ('' when it has none).
 */
export function paymentLinkReferenceWarning(ref: string): string {
  const bad = disallowedCharacter(ref);
  if (!bad) return '';
  return `Client Reference ID contains ${bad.description} (position ${bad.position}): a Payment Link URL drops such a value, so only a session created through the API can carry it.`;
}

export type FindOutcome = { session: Stripe.Checkout.Session | null; scan: ScanResult };

/** The newest session carrying the reference; sessions are compared exactly (Stripe stores it as given). */
export async function findByClientReference(
  stripe: Stripe,
  request: FindRequest,
  deadline: number,
  ratePerSecond?: number,
): Promise<FindOutcome> {
  let newest: Stripe.Checkout.Session | null = null;
  const scan = await scanCheckoutSessions(stripe, {
    from: request.from,
    to: request.to,
    filters: {
      ...(request.paymentLink ? { payment_link: request.paymentLink } : {}),
      ...(request.status === 'complete' ? { status: 'complete' as const } : {}),
    },
    onSessions(sessions) {
      for (const s of sessions) {
        if (
          s.client_reference_id === request.clientReferenceId &&
          (!newest || s.created > newest.created)
        )
          newest = s;
      }
      return newest?.created ?? null;
    },
    deadline,
    ratePerSecond,
  });
  return { session: newest, scan };
}

/** Why an unfinished scan is not a "not found", and how to narrow it (≤ 250 characters). */
export function unfinishedFindMessage(request: FindRequest, scan: ScanResult): string {
  const narrow = request.paymentLink
    ? 'set Created After nearer the order date'
    : 'choose the Payment Link, or set Created After nearer the order date';
  return `Not found yet, search stopped at the time limit: ${scan.scanned.toLocaleString('en-US')} sessions checked, complete back to ${shortTime(scan.completeFrom)} of ${request.wholeHistory ? "the account's first session" : shortTime(request.from)}. To narrow it, ${narrow}.`;
}
