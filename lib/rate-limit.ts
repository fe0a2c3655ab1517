/**
 * A token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. Used on the client
 * side to stay under Stripe's per-endpoint limit, and by the benchmark's fake Stripe to enforce it.
 */
export interface RateLimiter {
  /** Takes a token if one is there (no waiting). */
  tryTake(): boolean;
  /** Waits for a token; resolves false (without a token) if it would arrive after `deadline` (ms epoch). */
  take(deadline?: number): Promise<boolean>;
}

export function createRateLimiter(
  ratePerSecond: number,
  burst = ratePerSecond,
  now: () => number = Date.now,
): RateLimiter {
  let tokens = burst;
  let last = now();
  let queueTail = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
    last = t;
  };
  const tryTake = () => {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  };
  const takeInOrder = async (deadline: number): Promise<boolean> => {
    for (;;) {
      if (tryTake()) return true;
      const waitMs = Math.ceil(((1 - tokens) / ratePerSecond) * 1000);
      if (now() + waitMs > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
  return {
    tryTake,
    take(deadline = Number.POSITIVE_INFINITY) {
      // Waiters are served first come, first served.
      const result = queueTail.then(() => takeInOrder(deadline));
      queueTail = result.then(() => undefined);
      return result;
    },
  };
}

export interface SlidingWindowLimiter {
  /** Admits a request if the window has room (no waiting); it counts for `holdMs` (the window). */
  tryTake(holdMs?: number): boolean;
  /** Milliseconds until the next request would be admitted (0 = now). */
  waitMs(): number;
}

/**
 * At most `limit` admissions in any `windowMs` (default one second): the strictest reading of
 * "N requests per second" — unlike a token bucket, no burst above the rate across a window's edge.
 * The benchmark's fake Stripe counts requests this way, and the session scanner paces itself by it.
 */
export function createSlidingWindowLimiter(
  limit: number,
  windowMs = 1000,
  now: () => number = Date.now,
): SlidingWindowLimiter {
  /** When each admission stops counting, soonest first. */
  const expiries: number[] = [];
  const waitMs = () => {
    const t = now();
    while (expiries.length && expiries[0] <= t) expiries.shift();
    return expiries.length < limit ? 0 : expiries[0] - t;
  };
  return {
    waitMs,
    tryTake(holdMs = windowMs) {
      if (waitMs() > 0) return false;
      const expiry = now() + holdMs;
      const at = expiries.findIndex((e) => e > expiry);
      expiries.splice(at < 0 ? expiries.length : at, 0, expiry);
      return true;
    },
  };
}
