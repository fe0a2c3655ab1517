import { createRateLimiter, createSlidingWindowLimiter } from '../../lib/rate-limit';

describe('token bucket', () => {
  it('admits the burst, then refills at the rate', () => {
    let now = 0;
    const limiter = createRateLimiter(25, 25, () => now);
    const admitted = Array.from({ length: 30 }, () => limiter.tryTake()).filter(Boolean).length;
    expect(admitted).toBe(25);
    now += 200; // 0.2 s → 5 tokens
    expect(Array.from({ length: 10 }, () => limiter.tryTake()).filter(Boolean).length).toBe(5);
  });

  it('take() waits for a token, and gives up when it would arrive after the deadline', async () => {
    const limiter = createRateLimiter(50, 1);
    // Timed from before the first take: a slow machine between the two takes must not count.
    const start = Date.now();
    expect(await limiter.take()).toBe(true);
    expect(await limiter.take()).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(15);
    expect(await limiter.take(Date.now() + 1)).toBe(false);
  });
});

describe('sliding window', () => {
  it('admits at most the limit in any window, with no burst across its edge', () => {
    let now = 0;
    const limiter = createSlidingWindowLimiter(25, 1000, () => now);
    expect(Array.from({ length: 30 }, () => limiter.tryTake()).filter(Boolean).length).toBe(25);
    now = 999; // a token bucket would have refilled 24 by now
    expect(limiter.tryTake()).toBe(false);
    expect(limiter.waitMs()).toBe(1);
    now = 1000;
    expect(Array.from({ length: 30 }, () => limiter.tryTake()).filter(Boolean).length).toBe(25);
  });
});
