/**
 * Token buckets: `ratePerSecond` tokens a second, at most `burst` saved up. Used on the client
 * side to stay under Stripe's limits, and by the benchmark's fake Stripe to enforce them.
 */
export interface RateLimiter {
  /** Takes a token if one is there (no waiting). */
  tryTake(): boolean;
  /** Waits for a token; resolves false (without a token) if it would arrive after `deadline` (ms epoch). */
  take(deadline?: number): Promise<boolean>;
}

export interface TokenBucket {
  readonly ratePerSecond: number;
  /** Tokens available now (refilled up to the burst). */
  tokens(): number;
  spend(): void;
  /** Milliseconds until a token is there, when the bucket knows better than its rate says. */
  waitMs?(): number;
}

export function createTokenBucket(
  ratePerSecond: number,
  burst = ratePerSecond,
  now: () => number = Date.now,
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    ratePerSecond,
    tokens() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      return tokens;
    },
    spend() {
      tokens -= 1;
    },
  };
}

/**
 * A limiter that needs one token from every bucket at once (e.g. the account's and the
 * endpoint's). Its own waiters are served first come, first served.
 */
export function limiterOver(buckets: TokenBucket[], now: () => number = Date.now): RateLimiter {
  let queueTail = Promise.resolve();
  const tryTake = () => {
    if (!buckets.every((b) => b.tokens() >= 1)) return false;
    for (const b of buckets) b.spend();
    return true;
  };
  const takeInOrder = async (deadline: number): Promise<boolean> => {
    for (;;) {
      if (tryTake()) return true;
      const waitMs = Math.max(
        1,
        ...buckets.map((b) =>
          b.waitMs ? b.waitMs() : Math.ceil(((1 - b.tokens()) / b.ratePerSecond) * 1000),
        ),
      );
      if (now() + waitMs > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
  return {
    tryTake,
    take(deadline = Number.POSITIVE_INFINITY) {
      const result = queueTail.then(() => takeInOrder(deadline));
      queueTail = result.then(() => undefined);
      return result;
    },
  };
}

export function createRateLimiter(
  ratePerSecond: number,
  burst = ratePerSecond,
  now: () => number = Date.now,
): RateLimiter {
  return limiterOver([createTokenBucket(ratePerSecond, burst, now)], now);
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

/**
 * A sliding window seen as a bucket, for `limiterOver`: at most `limit` in any `windowMs`, as Stripe
 * counts. A step may use the whole first second at once (nothing of its own is in Stripe's window
 * yet), but never more than `limit` in any second after — unlike a full token bucket, which would
 * add a second's refill on top of the saved-up burst.
 */
export function createWindowBucket(
  limit: number,
  windowMs = 1000,
  now: () => number = Date.now,
): TokenBucket {
  const window = createSlidingWindowLimiter(limit, windowMs, now);
  return {
    ratePerSecond: (limit * 1000) / windowMs,
    tokens: () => (window.waitMs() === 0 ? 1 : 0),
    spend: () => void window.tryTake(),
    waitMs: () => window.waitMs(),
  };
}
