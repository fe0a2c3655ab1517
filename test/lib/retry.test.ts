import Stripe from 'stripe';
import {
  PAGE_RETRY,
  REFUND_RETRY,
  REFUND_UNCLEAR_RETRY,
  retryPauseMs,
  shouldRetry,
} from '../../lib/retry';

describe('the retry policy', () => {
  it('bulk refunds retry a 429 without limit, a 5xx or dropped connection once; list pages all three', () => {
    const rate = new Stripe.errors.StripeRateLimitError({ message: 'slow down' });
    const api = new Stripe.errors.StripeAPIError({ message: 'boom' });
    const conn = new Stripe.errors.StripeConnectionError({ message: 'reset' });
    const invalid = new Stripe.errors.StripeInvalidRequestError({ message: 'bad' });
    expect([rate, api, conn, invalid].map((e) => shouldRetry(REFUND_RETRY, e))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([rate, api, conn, invalid].map((e) => shouldRetry(REFUND_UNCLEAR_RETRY, e))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([REFUND_RETRY.maxInARow, REFUND_UNCLEAR_RETRY.maxInARow]).toEqual([Infinity, 1]);
    expect([rate, api, conn, invalid].map((e) => shouldRetry(PAGE_RETRY, e))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(shouldRetry(PAGE_RETRY, new Error('not Stripe'))).toBe(false);
  });

  it('pauses 250-749 ms between refund tries, 400-799 ms between page tries', () => {
    expect([0, 0.999].map((r) => retryPauseMs(REFUND_RETRY, () => r))).toEqual([250, 749]);
    expect([0, 0.999].map((r) => retryPauseMs(PAGE_RETRY, () => r))).toEqual([400, 799]);
    expect(PAGE_RETRY.maxInARow).toBe(5);
  });
});
