import {
  createTokenBucket,
  createWindowBucket,
  limiterOver,
  type RateLimiter,
} from '../rate-limit';
import { isLiveKey } from './key';

export type StripeMode = 'test' | 'live';

/**
 * Stripe's documented limits (docs "Rate limits"): live mode 100 requests/s per account and 25/s
 * per endpoint; sandbox (test keys) 25/s for the whole account.
 */
export const STRIPE_RATE_LIMITS: Record<StripeMode, { account: number; endpoint: number }> = {
  test: { account: 25, endpoint: 25 },
  live: { account: 100, endpoint: 25 },
};

/** We aim a little under each limit: other Zaps and the Dashboard share the account's budget. */
export const RATE_HEADROOM = 0.96;

/**
 * One limiter per step, shared by every call the step makes. An endpoint is one named API
 * operation (`POST /v1/refunds`, `GET /v1/charges/:id`), as Stripe counts them.
 */
export interface StepLimiter {
  readonly mode: StripeMode;
  /** Requests per second one endpoint can get when it has the account to itself. */
  readonly endpointRate: number;
  /** Requests per second the whole account allows this step. */
  readonly accountRate: number;
  /** The endpoint's limiter (made on first use, with `burst`), which also draws on the account's. */
  endpoint(name: string, burst?: number): RateLimiter;
}

export function modeOfKey(key: string): StripeMode {
  return isLiveKey(key) ? 'live' : 'test';
}

export function createStepLimiter(mode: StripeMode, now: () => number = Date.now): StepLimiter {
  const limits = STRIPE_RATE_LIMITS[mode];
  const accountRate = Math.floor(limits.account * RATE_HEADROOM);
  const endpointRate = Math.min(accountRate, Math.floor(limits.endpoint * RATE_HEADROOM));
  // The account counts any one-second window, as Stripe does: a full token bucket would let a step
  // send its burst plus a second's refill in its first second (twice the rate, refused), a burst
  // of 1 would cost every short step (a first page, a small scan) its start.
  const account = createWindowBucket(accountRate, 1000, now);
  const endpoints = new Map<string, RateLimiter>();
  return {
    mode,
    endpointRate,
    accountRate,
    endpoint(name, burst = endpointRate) {
      let limiter = endpoints.get(name);
      if (!limiter) {
        const own = createTokenBucket(endpointRate, burst, now);
        endpoints.set(name, (limiter = limiterOver([account, own], now)));
      }
      return limiter;
    },
  };
}

const limiters = new WeakMap<object, StepLimiter>();

/** Registers the step's limiter for its client (done once, by the client factory). */
export function attachStepLimiter(client: object, key: string): void {
  limiters.set(client, createStepLimiter(modeOfKey(key)));
}

/** The limiter of the step that made this client; a client made elsewhere gets the stricter test-mode one. */
export function stepLimiter(client: object): StepLimiter {
  let limiter = limiters.get(client);
  if (!limiter) limiters.set(client, (limiter = createStepLimiter('test')));
  return limiter;
}
