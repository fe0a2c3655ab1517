import type Stripe from 'stripe';
import { scanByWindows, type ListParams, type ScanResult } from '../scan/scanner';
import { isStripeError } from '../stripe/errors';
import { stepLimiter } from '../stripe/limiter';

/** The list endpoint every session scan pages (one Stripe endpoint, whatever the filters). */
export const SESSION_LIST_ENDPOINT = 'GET /v1/checkout/sessions';
/** Zapier stops a step at 30 s; the scan ends by 24 s, leaving time for the final retrieve. */
export const SCAN_BUDGET_MS = 24_000;

export type SessionScanOptions = {
  from: number;
  to: number;
  filters: Omit<Stripe.Checkout.SessionListParams, 'created' | 'limit' | 'starting_after'>;
  onSessions(sessions: Stripe.Checkout.Session[]): number | null | void;
  deadline: number;
  /** The scan's pace, in any one second; by default what the step's limiter gives the endpoint. */
  ratePerSecond?: number;
};

const RETRYABLE = new Set(['StripeRateLimitError', 'StripeAPIError', 'StripeConnectionError']);

export function isRetryableStripeError(err: unknown): boolean {
  return isStripeError(err) && RETRYABLE.has(err.type);
}

/**
 * The one scanner for checkout sessions, shared by the find search and the metrics search. Its
 * pages draw on the step's limiter (mode-aware: test keys share 25/s across the account).
 */
export function scanCheckoutSessions(
  stripe: Stripe,
  options: SessionScanOptions,
): Promise<ScanResult> {
  const limits = stepLimiter(stripe);
  const rate = options.ratePerSecond ?? limits.endpointRate;
  return scanByWindows<Stripe.Checkout.Session>({
    fetchPage: (params: ListParams) =>
      stripe.checkout.sessions.list({ ...options.filters, ...params }, { maxNetworkRetries: 0 }),
    from: options.from,
    to: options.to,
    onItems: options.onSessions,
    deadline: options.deadline,
    // The scanner keeps to `rate` in any one second itself (a burst only into its first second),
    // so the endpoint's bucket need not smooth it: a burst of 4 would cost small scans their start.
    limiter: limits.endpoint(SESSION_LIST_ENDPOINT),
    ratePerSecond: rate,
    isRetryable: isRetryableStripeError,
  });
}

/** "2026-10-03 14:05 UTC" */
export function shortTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
