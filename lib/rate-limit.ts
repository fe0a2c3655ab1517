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
