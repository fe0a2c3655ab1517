import type Stripe from 'stripe';
import { STEP_BUDGET_MS, stepDeadline } from '../budget';
import {
  scanByWindows,
  type ListParams,
  type ScanOptions,
  type ScanResult,
  type Scanned,
} from '../scan/scanner';
import { NO_SDK_RETRY, PAGE_RETRY, shouldRetry } from '../retry';
import { stepLimiter } from '../stripe/limiter';

/** The list endpoint every session scan pages (one Stripe endpoint, whatever the filters). */
export const SESSION_LIST_ENDPOINT = 'GET /v1/checkout/sessions';
/** The second list (its own 25/s in live mode): `checkout.session.completed` events, 30 days. */
export const EVENT_LIST_ENDPOINT = 'GET /v1/events';
/** Stripe keeps events 30 days; an hour less, so none is dropped while a scan reads it. */
export const EVENTS_KEPT_SECONDS = 30 * 86_400 - 3_600;
/** The scan ends this far inside the step's deadline, leaving time for the final retrieve. */
const SCAN_MARGIN_MS = 1_000;
/** The scan's budget from the step's start (24 s). */
export const SCAN_BUDGET_MS = STEP_BUDGET_MS - SCAN_MARGIN_MS;

/**
 * The one scan deadline for a step that started at `started`: the step deadline (lib/budget.ts,
 * which a test may shorten) less the margin.
 */
export function scanDeadline(started: number): number {
  return stepDeadline(started) - SCAN_MARGIN_MS;
}

export type SessionScanOptions = {
  from: number;
  to: number;
  filters: Omit<Stripe.Checkout.SessionListParams, 'created' | 'limit' | 'starting_after'>;
  onSessions(sessions: Stripe.Checkout.Session[]): number | null | void;
  deadline: number;
  /** The scan's pace, in any one second; by default what the step's limiter gives the endpoint. */
  ratePerSecond?: number;
  /** A floor found by another list scanned at once for the same search. */
  sharedFloor?: () => number | null;
} & Pick<ScanOptions<Scanned>, 'claim' | 'windows' | 'densityHint'>;

/**
 * The one scanner for checkout sessions, shared by the find search and the metrics search. Its
 * pages draw on the step's limiter (mode-aware: test keys share 25/s across the account).
 */
export function scanCheckoutSessions(
  stripe: Stripe,
  options: SessionScanOptions,
): Promise<ScanResult> {
  return scanList(stripe, SESSION_LIST_ENDPOINT, options, {
    fetchPage: (params: ListParams) =>
      stripe.checkout.sessions.list({ ...options.filters, ...params }, NO_SDK_RETRY),
    onItems: options.onSessions,
  });
}

export type CompletedEventScanOptions = Omit<SessionScanOptions, 'filters'> & {
  /** The connection's Connect account (the client sends it as `Stripe-Account`), or null. */
  account: string | null;
};

/**
 * Completed sessions from `checkout.session.completed` events, [from, to) by **event** time (when
 * the session completed; its `created` is earlier). Each session is as it was at completion.
 * Events of another account than the connection's are skipped (with a `Stripe-Account` header
 * the list is that account's own; this only guards against a mixed list).
 */
export function scanCompletedSessionEvents(
  stripe: Stripe,
  options: CompletedEventScanOptions,
): Promise<ScanResult> {
  return scanList(stripe, EVENT_LIST_ENDPOINT, options, {
    fetchPage: (params: ListParams) =>
      stripe.events.list({ type: 'checkout.session.completed', ...params }, NO_SDK_RETRY),
    onItems: (events: Stripe.Event[]) =>
      options.onSessions(
        events
          .filter((e) => (e.account ?? null) === options.account || !e.account)
          .map((e) => e.data.object as Stripe.Checkout.Session),
      ),
  });
}

type ScanScope = Omit<SessionScanOptions, 'filters' | 'onSessions'>;

function scanList<T extends { id: string; created: number }>(
  stripe: Stripe,
  endpoint: string,
  scope: ScanScope,
  list: {
    fetchPage(params: ListParams): Promise<{ data: T[]; has_more: boolean }>;
    onItems(items: T[]): number | null | void;
  },
): Promise<ScanResult> {
  const limits = stepLimiter(stripe);
  const rate = scope.ratePerSecond ?? limits.endpointRate;
  return scanByWindows<T>({
    ...list,
    from: scope.from,
    to: scope.to,
    deadline: scope.deadline,
    sharedFloor: scope.sharedFloor,
    claim: scope.claim,
    windows: scope.windows,
    densityHint: scope.densityHint,
    // The scanner keeps to `rate` in any one second itself (a burst only into its first second),
    // so the endpoint's bucket need not smooth it: a burst of 4 would cost small scans their start.
    limiter: limits.endpoint(endpoint),
    ratePerSecond: rate,
    isRetryable: (err) => shouldRetry(PAGE_RETRY, err),
  });
}

/** "2026-10-03 14:05 UTC" */
export function shortTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
