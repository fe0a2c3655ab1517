import { errors, type ZObject } from 'zapier-platform-core';
import { stripeClient } from '../../../lib/stripe/client';
import { createStepLimiter, modeOfKey, stepLimiter } from '../../../lib/stripe/limiter';

const z = { errors } as unknown as ZObject;
/** Requests admitted in one second from a standing start, per endpoint, with `perEndpoint` tries each. */
function admittedInOneSecond(mode: 'test' | 'live', endpoints: string[], perEndpoint = 2000) {
  let now = 0;
  const limiter = createStepLimiter(mode, () => now);
  const admitted: Record<string, number> = {};
  for (let tick = 0; tick < 1000; tick += 1) {
    now = tick;
    for (const e of endpoints)
      for (let i = 0; i < perEndpoint / 1000; i++)
        if (limiter.endpoint(e).tryTake()) admitted[e] = (admitted[e] ?? 0) + 1;
  }
  return admitted;
}

describe('step limiter', () => {
  it.each([
    ['sk_test_51Abcdefghijkl', 'test'],
    ['rk_test_51Abcdefghijkl', 'test'],
    ['sk_live_51Abcdefghijkl', 'live'],
    ['rk_live_51Abcdefghijkl', 'live'],
  ])('%s is %s mode', (key, mode) => expect(modeOfKey(key)).toBe(mode));

  it('test mode: two endpoints together stay under 25/s for the whole account', () => {
    const admitted = admittedInOneSecond('test', ['GET /v1/charges/:id', 'POST /v1/refunds']);
    const total = Object.values(admitted).reduce((a, b) => a + b, 0);
    // The account holds no burst: a standing start sends at most the rate (24/s) plus one,
    // never the 48 a full bucket plus its refill would (Stripe counts any one-second window).
    expect(total).toBeLessThanOrEqual(25);
    expect(total).toBeGreaterThanOrEqual(22);
  });

  it('live mode: each endpoint gets its own 25/s, under the account-wide 100/s', () => {
    const two = admittedInOneSecond('live', ['GET /v1/charges/:id', 'POST /v1/refunds']);
    expect(two['GET /v1/charges/:id']).toBeGreaterThanOrEqual(36);
    expect(two['POST /v1/refunds']).toBeGreaterThanOrEqual(36);
    const six = admittedInOneSecond(
      'live',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((e) => `GET /v1/${e}`),
    );
    const total = Object.values(six).reduce((a, b) => a + b, 0);
    // 6 endpoints could take 6 × 48; the account, holding no burst, caps them at 96 (+1)
    expect(total).toBeLessThanOrEqual(97);
    expect(total).toBeGreaterThan(85);
  });

  it('one limiter per client, set from its key, shared by every call of the step', () => {
    const test = stripeClient(z, { stripe_secret_key: 'rk_test_51NfakeKeyForTestsOnly0000' });
    const live = stripeClient(z, { stripe_secret_key: 'sk_live_51NfakeKeyForTestsOnly0000' });
    expect(stepLimiter(test).mode).toBe('test');
    expect(stepLimiter(live).mode).toBe('live');
    expect(stepLimiter(test)).toBe(stepLimiter(test));
    expect(stepLimiter(test).endpoint('POST /v1/refunds')).toBe(
      stepLimiter(test).endpoint('POST /v1/refunds'),
    );
    expect(stepLimiter({}).mode).toBe('test');
  });
});

describe('the account counts any one-second window, as Stripe does', () => {
  it.each([
    ['test', 24],
    ['live', 96],
  ] as const)(
    '%s key: %d at once in the first second across endpoints, none more until it has passed',
    (mode, rate) => {
      let t = 0;
      const step = createStepLimiter(mode, () => t);
      const endpoints = Array.from({ length: 8 }, (_, i) => step.endpoint(`GET /v1/e${i}`, rate));
      let sent = 0;
      for (let i = 0; i < rate * 2; i += 1) if (endpoints[i % 8].tryTake()) sent += 1;
      expect(sent).toBe(rate);
      t = 999;
      expect(endpoints.some((e) => e.tryTake())).toBe(false);
      t = 1000;
      expect(endpoints[0].tryTake()).toBe(true);
    },
  );
});

describe('the session scanner draws on the step limiter', () => {
  it('with a test key, a budget spent by another endpoint of the step holds the scan back', async () => {
    const { scanCheckoutSessions } = await import('../../../lib/sessions/scan');
    const stripe = stripeClient(z, { stripe_secret_key: 'sk_test_51NfakeKeyForTestsOnly0000' });
    const refunds = stepLimiter(stripe).endpoint('POST /v1/refunds');
    while (refunds.tryTake()); // the whole account's 25/s spent on refunds
    const result = await scanCheckoutSessions(stripe, {
      from: 1_790_000_000 - 86_400,
      to: 1_790_000_000,
      filters: {},
      onSessions: () => null,
      deadline: Date.now() + 20, // the next token is ~40 ms away
    });
    expect(result).toMatchObject({ complete: false, requests: 0 });
  });
});
