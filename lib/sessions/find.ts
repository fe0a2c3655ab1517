import type Stripe from 'stripe';
import { checkAddress } from '../email/address';
import { text, unixSeconds } from '../input';
import { parsePaymentLinkInput, type LinkInput } from '../links/resolve';
import { disallowedCharacter, maxLength } from '../links/tracking';
import type { ScanResult } from '../scan/scanner';
import { scanTwoLists } from './handover';
import { stepLimiter, type StripeMode } from '../stripe/limiter';
import {
  EVENTS_KEPT_SECONDS,
  scanCheckoutSessions,
  scanCompletedSessionEvents,
  shortTime,
} from './scan';

/**
 * With no Created After, the search goes back to the account's first session, as far as the time
 * limit allows. Stripe started in 2011: no account holds an older session, and the empty time
 * before an account's first one costs no more than the last page that finds it empty.
 */
export const EARLIEST_SESSION = Date.UTC(2011, 0, 1) / 1000;
export const STATUSES = ['complete', 'any'] as const;

export type FindRequest = {
  /** Null only with a customer email: then the customer's newest session. */
  clientReferenceId: string | null;
  /** `customer_details[email]`: Stripe lists only this customer's sessions. */
  customerEmail: string | null;
  /** The link's id: as given, or once a pasted URL is matched (requirePaymentLinkId). */
  paymentLink: string | null;
  /**
   * The link as given (an id or a URL), to be checked to be the account's before the scan: set
   * whenever a link was chosen, so it alone says whether one was.
   */
  link: LinkInput | null;
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
  let customerEmail: string | null = null;
  if (text(input.customer_email)) {
    const email = checkAddress(input.customer_email, 'Customer Email');
    if ('problem' in email) return email;
    customerEmail = email.address;
  }
  const ref = text(input.client_reference_id) || null;
  if (!ref && !customerEmail)
    return {
      problem:
        'Client Reference ID is empty. Map your own order or cart id, as put in the link, or give the Customer Email.',
    };
  if (ref) {
    const problem = referenceProblem(ref);
    if (problem) return { problem };
  }
  let link: LinkInput | null = null;
  if (text(input.payment_link)) {
    const parsed = parsePaymentLinkInput(input.payment_link);
    if ('problem' in parsed) return parsed;
    link = parsed;
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
    customerEmail,
    paymentLink: link && 'id' in link ? link.id : null,
    link,
    status: status as FindRequest['status'],
    from,
    to: nowSeconds + 1,
    wholeHistory: after.value === null,
  };
}

function referenceProblem(ref: string): string | null {
  const refLength = [...ref].length;
  const max = maxLength('client_reference_id');
  if (refLength <= max) return null;
  return `Client Reference ID is ${refLength} characters; Stripe stores at most ${max}, so no session can carry it. Map the reference exactly as it was given to Stripe.`;
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
export type FindOptions = {
  deadline: number;
  ratePerSecond?: number;
  /** The connection's Connect account, or null. */
  account?: string | null;
  /**
   * Items per second at the top of the range, measured by the connection's last search
   * (lib/sessions/density.ts): both lists start at once instead of after a first page. Used only
   * without a Payment Link or email filter (those lists are far sparser).
   */
  densityHint?: number | null;
  /** Told the newest match so far after each page that has one (lib/sessions/find-order.ts). */
  onCandidate?(session: Stripe.Checkout.Session): void;
};

/**
 * The oldest time the events list can serve, or null when only the sessions list can serve the
 * search: live mode (each list its own 25/s; test keys share one 25/s for the account), completed
 * sessions only (events carry only those), no server-side filter the events list lacks. How the
 * two lists share [split, to): lib/sessions/handover.ts.
 */
export function eventsSplit(request: FindRequest, mode: StripeMode): number | null {
  if (mode !== 'live' || request.status !== 'complete') return null;
  if (request.paymentLink || request.customerEmail) return null;
  const split = Math.max(request.from, request.to - EVENTS_KEPT_SECONDS);
  return split < request.to ? split : null;
}

/**
 * The newest session carrying the reference (compared exactly: Stripe stores it as given), or
 * with a customer email and no reference, that customer's newest session. A session from an
 * event is as it was at completion: its reference and `created` never change, so it is matched
 * there, and the caller retrieves the match fresh.
 */
export async function findByClientReference(
  stripe: Stripe,
  request: FindRequest,
  options: FindOptions,
): Promise<FindOutcome> {
  let newest: Stripe.Checkout.Session | null = null;
  let stopped = false;
  const seen = new Set<string>();
  const onSessions = (sessions: Stripe.Checkout.Session[]) => {
    for (const s of sessions) {
      if (s.created < request.from || s.created >= request.to) continue;
      seen.add(s.id);
      const matches =
        request.clientReferenceId === null || s.client_reference_id === request.clientReferenceId;
      if (matches && (!newest || s.created > newest.created)) newest = s;
    }
    if (newest) options.onCandidate?.(newest);
    return newest?.created ?? null;
  };
  const scope = {
    deadline: options.deadline,
    ratePerSecond: options.ratePerSecond,
    onSessions,
    sharedFloor: () => (stopped ? Number.POSITIVE_INFINITY : (newest?.created ?? null)),
  };
  const filters = {
    ...(request.paymentLink ? { payment_link: request.paymentLink } : {}),
    ...(request.status === 'complete' ? { status: 'complete' as const } : {}),
    ...(request.customerEmail ? { customer_details: { email: request.customerEmail } } : {}),
  };
  const hint = densityHintApplies(request) ? (options.densityHint ?? null) : null;
  const split = eventsSplit(request, stepLimiter(stripe).mode);
  if (split === null) {
    const scan = await scanCheckoutSessions(stripe, {
      ...scope,
      from: request.from,
      to: request.to,
      filters,
      ...(hint ? { densityHint: () => hint } : {}),
    });
    return { session: newest, scan };
  }
  const both = await scanTwoLists({
    from: request.from,
    to: request.to,
    eventsFrom: split,
    densityHint: hint,
    floor: scope.sharedFloor,
    onFailure: () => (stopped = true),
    events: (lane) =>
      scanCompletedSessionEvents(stripe, {
        ...scope,
        ...lane,
        account: options.account ?? null,
        onSessions: (sessions) => {
          lane.onPage();
          return onSessions(sessions);
        },
      }),
    sessions: (lane) => scanCheckoutSessions(stripe, { ...scope, ...lane, filters }),
  });
  return { session: newest, scan: { ...both, scanned: seen.size } };
}

/**
 * Whether an earlier search's density can plan this one: only the account's whole list (by
 * status) — a Payment Link's or a customer's sessions are far sparser than what was measured.
 */
export function densityHintApplies(request: FindRequest): boolean {
  return !request.link && !request.customerEmail;
}

/** Why an unfinished scan is not a "not found", and how to narrow it (≤ 250 characters). */
export function unfinishedFindMessage(request: FindRequest, scan: ScanResult): string {
  // `link`, not `paymentLink`: a link pasted as a URL has no id until the search resolves it.
  const narrow = request.link
    ? 'set Created After nearer the order date'
    : 'choose the Payment Link, or set Created After nearer the order date';
  return `Not found yet, search stopped at the time limit: ${scan.scanned.toLocaleString('en-US')} sessions checked, complete back to ${shortTime(scan.completeFrom)} of ${request.wholeHistory ? "the account's first session" : shortTime(request.from)}. To narrow it, ${narrow}.`;
}
