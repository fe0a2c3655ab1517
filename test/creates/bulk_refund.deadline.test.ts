import nock from 'nock';
import Stripe from 'stripe';
import { errors, type ZObject } from 'zapier-platform-core';
import {
  startFakeStripe,
  type FakeAnswer,
  type FakeRequest,
  type FakeRoute,
} from '../../bench/fake-stripe';
import { stepDeadline } from '../../lib/budget';
import { bulkRefund, type BulkResult } from '../../lib/refunds/bulk';
import {
  bulkGate,
  MIN_READ_MS,
  MIN_WRITE_MS,
  OutOfTime,
  REPORT_RESERVE_MS,
  tryOptions,
} from '../../lib/refunds/gate';
import { STRIPE_TIMEOUT_MS, stripeClient } from '../../lib/stripe/client';
import type { StepLimiter } from '../../lib/stripe/limiter';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import { authData, countRequests, operationRunner, STRIPE_API } from '../helpers';

const z = { errors } as unknown as ZObject;

describe('bulk refunds: each try gets the time left, at the 25 s scale (fake clock)', () => {
  const start = 1_800_000_000_000;
  const deadline = stepDeadline(start);
  const callsEnd = deadline - REPORT_RESERVE_MS;

  it('a try started late gets only the time left, and the SDK never retries it', () => {
    expect(tryOptions('POST /v1/refunds', start + 1_000, deadline)).toEqual({
      timeout: STRIPE_TIMEOUT_MS,
      maxNetworkRetries: 0,
    });
    expect(tryOptions('POST /v1/refunds', start + 20_000, deadline)).toEqual({
      timeout: callsEnd - (start + 20_000),
      maxNetworkRetries: 0,
    });
    // A refund needs more room than a read: one cut short has an unknown outcome.
    const late = callsEnd - MIN_WRITE_MS + 1;
    expect(tryOptions('POST /v1/refunds', late, deadline)).toBeNull();
    expect(tryOptions('GET /v1/charges/:id', late, deadline)?.timeout).toBe(MIN_WRITE_MS - 1);
    expect(tryOptions('GET /v1/charges/:id', callsEnd - MIN_READ_MS + 1, deadline)).toBeNull();
  });

  it('no try started at any moment of the step can end after the deadline', () => {
    for (let at = start; at <= deadline + 1_000; at += 37) {
      for (const endpoint of ['POST /v1/refunds', 'GET /v1/charges/:id']) {
        const options = tryOptions(endpoint, at, deadline);
        if (options)
          expect(at + options.timeout! + REPORT_RESERVE_MS).toBeLessThanOrEqual(deadline);
      }
    }
  });

  /** A limiter whose slot comes `waitMs` later on the fake clock: the gate waits, then builds the try. */
  const slowLimiter = (clock: { t: number }, waitMs: number): StepLimiter =>
    ({
      endpoint: () => ({
        tryTake: () => true,
        take: async (by: number) => {
          if (clock.t + waitMs > by) return false;
          clock.t += waitMs;
          return true;
        },
      }),
    }) as unknown as StepLimiter;

  const gateAt = (clock: { t: number }, waitMs: number) =>
    bulkGate({ stopped: null }, slowLimiter(clock, waitMs), {
      deadline,
      now: () => clock.t,
      sleep: async (ms) => void (clock.t += ms),
      random: () => 0,
    });

  it('builds the timeout after the rate limiter’s wait, not before (the finding: 12 s + 12 s from ~25 s)', async () => {
    const clock = { t: start + 18_000 };
    const given: Stripe.RequestOptions[] = [];
    await gateAt(clock, 3_000)('POST /v1/refunds', async (options) => given.push(options));
    expect(given).toEqual([{ timeout: callsEnd - (start + 21_000), maxNetworkRetries: 0 }]);
  });

  it('a refund cut off by its timeout at the deadline is not retried and stays "unknown", never "not attempted"', async () => {
    const clock = { t: start + 16_000 };
    const given: number[] = [];
    const timedOut = new Stripe.errors.StripeConnectionError({ message: 'Request aborted' });
    const err = await gateAt(clock, 100)('POST /v1/refunds', async (options) => {
      given.push(options.timeout!);
      clock.t += options.timeout!;
      throw timedOut;
    }).catch((e: unknown) => e);
    expect(err).toBe(timedOut);
    expect(given).toEqual([callsEnd - (start + 16_100)]);
    expect(clock.t).toBeLessThanOrEqual(callsEnd);
  });

  it('with time left, a dropped refund is tried once more (the SDK’s retry, now inside the deadline)', async () => {
    const clock = { t: start + 1_000 };
    const given: number[] = [];
    const dropped = new Stripe.errors.StripeConnectionError({ message: 'socket hang up' });
    const out = await gateAt(clock, 0)('POST /v1/refunds', async (options) => {
      given.push(options.timeout!);
      clock.t += 5_000;
      if (given.length === 1) throw dropped;
      return 'made';
    });
    expect(out).toBe('made');
    expect(given).toEqual([STRIPE_TIMEOUT_MS, STRIPE_TIMEOUT_MS]);
  });

  it('a read with no time left is left for the next run (nothing was refunded)', async () => {
    const clock = { t: callsEnd - MIN_READ_MS - 50 };
    const err = await gateAt(clock, 100)('GET /v1/charges/:id', async () => 'read').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutOfTime);
  });

  it('a refund that may have reached Stripe stays unknown when a later try is refused (429) and time runs out', async () => {
    const clock = { t: start + 10_000 };
    const timedOut = new Stripe.errors.StripeConnectionError({ message: 'Request aborted' });
    const limited = new Stripe.errors.StripeRateLimitError({ message: 'Too many requests' });
    let tries = 0;
    const err = await gateAt(clock, 0)('POST /v1/refunds', async (options) => {
      tries += 1;
      clock.t += tries === 1 ? options.timeout! : 1_500;
      throw tries === 1 ? timedOut : limited;
    }).catch((e: unknown) => e);
    expect(err).toBe(timedOut);
    expect(tries).toBeGreaterThan(1);
  });

  it('a refund refused with a 429 and no time for another try is left for the next run', async () => {
    const clock = { t: start + 21_000 };
    const limited = new Stripe.errors.StripeRateLimitError({ message: 'Too many requests' });
    const err = await gateAt(clock, 0)('POST /v1/refunds', async () => {
      clock.t += 1_000;
      throw limited;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutOfTime);
  });
});

/** A stateful Stripe for charges and refunds: refunds carry their metadata, keys replay. */
function refundWorld() {
  const refunds = new Map<string, (typeof refund & { metadata: Record<string, string> })[]>();
  const byKey = new Map<string, object>();
  const posts: { charge: string; key: string }[] = [];
  const state = { slow: new Set<string>(), latencyMs: 20, slowMs: 5_000, dropSlow: false };
  // Unref'd: an answer the client stopped waiting for must not hold the test run open.
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
  const chargeOf = (id: string) => {
    const made = refunds.get(id) ?? [];
    const refunded = made.reduce((sum, r) => sum + r.amount, 0);
    return {
      ...charge,
      id,
      payment_intent: `pi_${id.slice(3)}`,
      amount_refunded: refunded,
      refunded: refunded >= charge.amount,
      refunds: { object: 'list', data: made, has_more: false, url: `/v1/charges/${id}/refunds` },
    };
  };
  const metadataOf = (req: FakeRequest) =>
    Object.fromEntries(
      [...req.form.entries()]
        .filter(([k]) => k.startsWith('metadata['))
        .map(([k, v]) => [k.slice(9, -1), v]),
    );
  const routes: FakeRoute[] = [
    (req) => {
      const m = /^\/v1\/charges\/(ch_\w+)$/.exec(req.path);
      if (req.method !== 'GET' || !m) return null;
      return sleep(state.latencyMs).then(() => ({ status: 200, body: chargeOf(m[1]) }));
    },
    (req) => (req.method === 'POST' && req.path === '/v1/refunds' ? createRefund(req) : null),
  ];
  async function createRefund(req: FakeRequest): Promise<FakeAnswer> {
    const id = req.form.get('charge')!;
    const key = String(req.headers['idempotency-key']);
    posts.push({ charge: id, key });
    // Stripe makes the refund as the request arrives; a slow answer does not undo it.
    if (!byKey.has(key)) {
      const made = {
        ...refund,
        id: `re_${id.slice(3)}`,
        charge: id,
        payment_intent: `pi_${id.slice(3)}`,
        amount: charge.amount - chargeOf(id).amount_refunded,
        metadata: metadataOf(req),
      };
      refunds.set(id, [...(refunds.get(id) ?? []), made]);
      byKey.set(key, made);
    }
    const slow = state.slow.has(id);
    await sleep(slow ? state.slowMs : state.latencyMs);
    return slow && state.dropSlow ? { drop: true } : { status: 200, body: byKey.get(key)! };
  }
  return { routes, refunds, posts, state };
}

/** Every request the client sends, with the timeout it was given (what the SDK's http client saw). */
function recordTimeouts(stripe: Stripe): { at: number; timeout: number; path: string }[] {
  const sent: { at: number; timeout: number; path: string }[] = [];
  const http = (
    stripe as unknown as { getApiField(k: string): Record<string, unknown> }
  ).getApiField('httpClient') as { makeRequest: (...args: unknown[]) => Promise<unknown> };
  const makeRequest = http.makeRequest.bind(http);
  http.makeRequest = (...args: unknown[]) => {
    sent.push({ at: Date.now(), timeout: args[7] as number, path: String(args[2]) });
    return makeRequest(...args);
  };
  return sent;
}

const outcomes = (result: BulkResult) =>
  Object.fromEntries(result.lines.map((l) => [l.payment, l.outcome]));

describe('bulk refunds against a slow Stripe near the deadline (loopback server, measured time)', () => {
  const payments = ['Fast01', 'Slow02', 'Fast03', 'Fast04', 'Fast05', 'Fast06'].map(
    (s) => `ch_3QxDeadline${s}`,
  );

  it('returns its report before the deadline, the cut-off refund reported as unknown, and a re-run finishes without refunding twice', async () => {
    const world = refundWorld();
    world.state.slow.add('ch_3QxDeadlineSlow02');
    world.state.latencyMs = 500;
    const fake = await startFakeStripe({
      latencyMs: 0,
      ratePerSecond: 1_000,
      routes: world.routes,
    });
    try {
      const client = (port: number) =>
        stripeClient(z, authData, { host: '127.0.0.1', port, protocol: 'http' });
      const stripe = client(fake.port);
      const sent = recordTimeouts(stripe);
      const started = Date.now();
      const deadline = started + 4_000;
      const first = await bulkRefund(stripe, payments, {}, { deadline, concurrency: 2 });
      const answeredAt = Date.now();

      expect(answeredAt).toBeLessThan(deadline);
      for (const s of sent) expect(s.at + s.timeout).toBeLessThanOrEqual(deadline);
      const out = outcomes(first);
      expect(first.lines.find((l) => l.payment === 'ch_3QxDeadlineSlow02')).toMatchObject({
        outcome: 'failed',
        refund_id: null,
        message: expect.stringMatching(
          /^No clear answer from Stripe \(timeout or dropped connection\): the refund may or may not have been made\. Run the step again: the same idempotency key/,
        ),
      });
      // The SDK did not send the slow refund a second time.
      expect(world.posts.filter((p) => p.charge === 'ch_3QxDeadlineSlow02')).toHaveLength(1);
      expect(out['ch_3QxDeadlineFast01']).toBe('refunded');
      expect(Object.values(out)).toContain('not_attempted');
      expect(
        Object.values(out).every((o) => ['refunded', 'not_attempted', 'failed'].includes(o)),
      ).toBe(true);
      const left = payments.filter((p) => out[p] === 'not_attempted');
      for (const p of left) expect(world.refunds.get(p)).toBeUndefined();

      // A re-run (the next step, Stripe fast again) finds the unknown refund by its marker.
      world.state.slow.clear();
      world.state.latencyMs = 20;
      const second = await bulkRefund(
        client(fake.port),
        payments,
        {},
        { deadline: Date.now() + 20_000 },
      );
      expect(outcomes(second)).toEqual(
        Object.fromEntries(
          payments.map((p) => [p, left.includes(p) ? 'refunded' : 'already_refunded']),
        ),
      );
      expect(second.lines.find((l) => l.payment === 'ch_3QxDeadlineSlow02')?.refund_id).toBe(
        're_3QxDeadlineSlow02',
      );
      for (const p of payments) {
        expect(world.refunds.get(p)).toHaveLength(1);
        // Any refund sent twice went under one idempotency key.
        expect(new Set(world.posts.filter((x) => x.charge === p).map((x) => x.key)).size).toBe(1);
      }
      expect(fake.stats.reasons).toEqual([]);
      expect(fake.stats.refused).toBe(0);
    } finally {
      await fake.close();
    }
  }, 15_000);

  it('a connection Stripe drops near the deadline (which the SDK retries even with retries off) still ends in time', async () => {
    const world = refundWorld();
    world.state.slow.add('ch_3QxDeadlineSlow02');
    world.state.slowMs = 2_600;
    world.state.dropSlow = true;
    const fake = await startFakeStripe({
      latencyMs: 0,
      ratePerSecond: 1_000,
      routes: world.routes,
    });
    try {
      const stripe = stripeClient(z, authData, {
        host: '127.0.0.1',
        port: fake.port,
        protocol: 'http',
      });
      const deadline = Date.now() + 3_500;
      const result = await bulkRefund(stripe, ['ch_3QxDeadlineSlow02'], {}, { deadline });
      expect(Date.now()).toBeLessThan(deadline);
      expect(result.lines[0]).toMatchObject({
        outcome: 'failed',
        message: expect.stringMatching(
          /^No clear answer from Stripe \(the step's time ran out first\): the refund may or may not have been made/,
        ),
      });
      expect(fake.stats.refused).toBe(0);
    } finally {
      await fake.close();
    }
  }, 10_000);
});

describe('bulk_refund operation: the step answers within its budget when Stripe hangs (nock delay)', () => {
  // Zapier kills a step at 30 s, 20% past the 25 s budget: here a 3.5 s budget, killed at 4.2 s.
  const KILLED_AT_MS = 4_200;
  const budget = process.env.STEP_BUDGET_MS;
  beforeEach(() => (process.env.STEP_BUDGET_MS = '3500'));
  afterEach(() => {
    nock.abortPendingRequests();
    if (budget === undefined) delete process.env.STEP_BUDGET_MS;
    else process.env.STEP_BUDGET_MS = budget;
  });
  const run = operationRunner('creates', 'bulk_refund');
  const chargeReply = (id: string) =>
    nock(STRIPE_API)
      .get(`/v1/charges/${id}`)
      .query({ 'expand[0]': 'refunds' })
      .reply(200, { ...charge, id });

  it('a refund Stripe never answers is reported as maybe-made, before the step budget ends', async () => {
    chargeReply('ch_3QxDeadlineOpOk1');
    chargeReply('ch_3QxDeadlineOpHang');
    nock(STRIPE_API)
      .post('/v1/refunds', (b) => b.charge === 'ch_3QxDeadlineOpOk1')
      .reply(200, { ...refund, id: 're_3QxDeadlineOpOk1', charge: 'ch_3QxDeadlineOpOk1' });
    const hang = nock(STRIPE_API)
      .post('/v1/refunds', (b) => b.charge === 'ch_3QxDeadlineOpHang')
      .times(2)
      .delay(8_000)
      .reply(200, { ...refund, id: 're_3QxDeadlineOpHang', charge: 'ch_3QxDeadlineOpHang' });
    const posts = countRequests(hang);
    const started = Date.now();
    const out = (await run({
      payments: ['ch_3QxDeadlineOpOk1', 'ch_3QxDeadlineOpHang'],
      on_failure: 'continue',
    })) as BulkResult & { summary: string };
    expect(Date.now() - started).toBeLessThan(KILLED_AT_MS);
    expect(out.lines.map((l) => [l.payment, l.outcome])).toEqual([
      ['ch_3QxDeadlineOpOk1', 'refunded'],
      ['ch_3QxDeadlineOpHang', 'failed'],
    ]);
    expect(out.lines[1].message).toMatch(/may or may not have been made\. Run the step again/);
    expect(out.summary).toBe('1 refunded, 0 already refunded, 1 failed, 0 not attempted');
    expect(posts()).toBe(1);
  });
});
