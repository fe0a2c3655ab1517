import { errors, type ZObject } from 'zapier-platform-core';
import { createRateLimiter } from '../lib/rate-limit';
import { bulkRefund } from '../lib/refunds/bulk';
import { planRefund } from '../lib/refunds/plan';
import { stripeClient } from '../lib/stripe/client';
import {
  createStepLimiter,
  STRIPE_RATE_LIMITS,
  type StepLimiter,
  type StripeMode,
} from '../lib/stripe/limiter';
import { startFakeStripe, type FakeAnswer, type FakeRoute } from './fake-stripe';
import type { BenchTable } from './table';

const REFUNDS = 100;
const SEQUENTIAL_SAMPLE = 20;
const LATENCY_MS = 250;
/** Stripe's default per-endpoint limit, in both modes (the fake enforces it per endpoint). */
const ENDPOINT_RATE = 25;

/** A Stripe-like charges/refunds API: replays by Idempotency-Key, refuses over-refunds, injects faults. */
function refundApi(faults: { dropAfterCommitEvery: number; serverErrorEvery: number }) {
  const charges = new Map<string, { amount: number; refunded: number }>();
  const replies = new Map<string, object>();
  const seen = new Set<string>();
  const stats = { created: 0, replayed: 0, dropped: 0, serverErrors: 0 };
  let attempts = 0;
  const charge = (id: string) => {
    if (!charges.has(id)) charges.set(id, { amount: 5000, refunded: 0 });
    const c = charges.get(id)!;
    return {
      id,
      object: 'charge',
      amount: c.amount,
      amount_captured: c.amount,
      amount_refunded: c.refunded,
      captured: true,
      refunded: c.refunded >= c.amount,
      disputed: false,
      currency: 'usd',
      payment_intent: null,
      livemode: false,
    };
  };
  const routes: FakeRoute[] = [
    (req) => {
      const m = /^\/v1\/charges\/(ch_[A-Za-z0-9_]+)$/.exec(req.path);
      return req.method === 'GET' && m ? { status: 200, body: charge(m[1]) } : null;
    },
    (req) => {
      if (req.method !== 'POST' || req.path !== '/v1/refunds') return null;
      const key = String(req.headers['idempotency-key'] ?? '');
      if (replies.has(key)) {
        stats.replayed += 1;
        return { status: 200, body: replies.get(key)! };
      }
      const first = !seen.has(key);
      seen.add(key);
      attempts += 1;
      if (first && attempts % faults.serverErrorEvery === 0) {
        stats.serverErrors += 1;
        return {
          status: 500,
          body: { error: { type: 'api_error', message: 'An unknown error occurred' } },
        };
      }
      const id = req.form.get('charge')!;
      charge(id);
      const c = charges.get(id)!;
      const amount = Number(req.form.get('amount') ?? c.amount - c.refunded);
      if (amount > c.amount - c.refunded)
        return {
          status: 400,
          body: {
            error: {
              type: 'invalid_request_error',
              code: 'charge_already_refunded',
              message: `Charge ${id} has already been refunded.`,
            },
          },
        };
      c.refunded += amount;
      stats.created += 1;
      const refund = {
        id: `re_${id.slice(3)}`,
        object: 'refund',
        amount,
        charge: id,
        currency: 'usd',
        status: 'succeeded',
        payment_intent: null,
        metadata: {},
      };
      replies.set(key, refund);
      if (first && attempts % faults.dropAfterCommitEvery === 0) {
        stats.dropped += 1;
        return { drop: true };
      }
      return { status: 200, body: refund };
    },
  ];
  return { routes, stats };
}

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `ch_${prefix}${String(i).padStart(6, '0')}`);
const z = { errors } as unknown as ZObject;
const KEYS: Record<StripeMode, string> = {
  test: 'sk_test_51BenchKeyForLoopbackOnly000000',
  live: 'sk_live_51BenchKeyForLoopbackOnly000000',
};
const RATE_LIMITED: FakeAnswer = {
  status: 429,
  body: {
    error: {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Too many requests hit the API too quickly.',
    },
  },
};

/**
 * The fake enforces 25/s per endpoint; this first route adds the account-wide limit of the mode
 * (sandbox 25/s for everything, live 100/s), answering 429 as Stripe does.
 */
function accountLimit(mode: StripeMode) {
  const rate = STRIPE_RATE_LIMITS[mode].account;
  const bucket = createRateLimiter(rate, rate);
  const stats = { throttled: 0 };
  const route: FakeRoute = () => {
    if (bucket.tryTake()) return null;
    stats.throttled += 1;
    return RATE_LIMITED;
  };
  return { route, stats };
}

async function withFake<T>(mode: StripeMode, work: (port: number) => Promise<T>) {
  const api = refundApi({ dropAfterCommitEvery: 10, serverErrorEvery: 17 });
  const account = accountLimit(mode);
  const fake = await startFakeStripe({
    latencyMs: LATENCY_MS,
    ratePerSecond: ENDPOINT_RATE,
    routes: [account.route, ...api.routes],
  });
  try {
    const out = await work(fake.port);
    return {
      out,
      api: api.stats,
      throttled: fake.stats.throttled + account.stats.throttled,
      refused: fake.stats.refused,
    };
  } finally {
    await fake.close();
  }
}

async function runBulk(mode: StripeMode, limiter?: StepLimiter) {
  return withFake(mode, async (port) => {
    const stripe = stripeClient(
      z,
      { stripe_secret_key: KEYS[mode] },
      { host: '127.0.0.1', port, protocol: 'http' },
    );
    const start = performance.now();
    const result = await bulkRefund(
      stripe,
      ids(`${mode}bulk`, REFUNDS),
      {},
      {
        deadline: Date.now() + 120_000,
        ...(limiter ? { limiter } : {}),
      },
    );
    return { seconds: (performance.now() - start) / 1000, result };
  });
}

async function runSequential() {
  return withFake('live', async (port) => {
    const stripe = stripeClient(
      z,
      { stripe_secret_key: KEYS.live },
      { host: '127.0.0.1', port, protocol: 'http' },
    );
    const start = performance.now();
    for (const id of ids('seq', SEQUENTIAL_SAMPLE)) {
      const plan = planRefund(await stripe.charges.retrieve(id), {});
      await stripe.refunds.create(plan.params, { idempotencyKey: plan.idempotencyKey });
    }
    return { seconds: ((performance.now() - start) / 1000) * (REFUNDS / SEQUENTIAL_SAMPLE) };
  });
}

/** Each refund is a read and a create: in sandbox both share 25/s; live gives each endpoint 25/s. */
function floorSeconds(mode: StripeMode): number {
  const limits = STRIPE_RATE_LIMITS[mode];
  const perEndpoint = REFUNDS / limits.endpoint;
  return Math.max(perEndpoint, (2 * REFUNDS) / limits.account);
}

type BulkRun = Awaited<ReturnType<typeof runBulk>>;

function bulkRow(regime: string, approach: string, run: BulkRun, floor: number) {
  const c = run.out.result.counts;
  return [
    regime,
    approach,
    run.out.seconds.toFixed(2),
    (run.out.seconds / floor).toFixed(2),
    run.api.created,
    run.throttled,
    run.refused,
    `${c.refunded} refunded, ${c.failed} failed, ${c.not_attempted} not attempted; ${run.api.dropped} dropped after commit (replayed ${run.api.replayed}), ${run.api.serverErrors} × 500`,
  ];
}

export async function run(): Promise<BenchTable[]> {
  const testOurs = await runBulk('test');
  // The old assumption: 25/s per endpoint whatever the key (what live mode allows).
  const testNaive = await runBulk('test', createStepLimiter('live'));
  const liveOurs = await runBulk('live');
  const sequential = await runSequential();
  const testFloor = floorSeconds('test');
  const liveFloor = floorSeconds('live');
  return [
    {
      title: `${REFUNDS} full refunds against a loopback Stripe in both rate regimes (${LATENCY_MS} ms latency, faults injected)`,
      columns: [
        'regime',
        'approach',
        'wall time s',
        '× floor',
        'refunds created',
        '429s',
        '400s',
        'notes',
      ],
      rows: [
        [
          'sandbox: 25/s per account',
          'rate-limit floor',
          testFloor.toFixed(1),
          '1.00',
          REFUNDS,
          0,
          0,
          `${2 * REFUNDS} requests (a read and a create each) at 25/s for the whole account`,
        ],
        bulkRow(
          'sandbox: 25/s per account',
          'ours (limiter from the key: test mode)',
          testOurs,
          testFloor,
        ),
        bulkRow(
          'sandbox: 25/s per account',
          'assumes 25/s per endpoint (the old limiter)',
          testNaive,
          testFloor,
        ),
        [
          'live: 100/s per account + 25/s per endpoint',
          'rate-limit floor',
          liveFloor.toFixed(1),
          '1.00',
          REFUNDS,
          0,
          0,
          `${REFUNDS} creates at 25/s; the reads use another endpoint and overlap`,
        ],
        bulkRow(
          'live: 100/s per account + 25/s per endpoint',
          'ours (limiter from the key: live mode)',
          liveOurs,
          liveFloor,
        ),
        [
          'live: 100/s per account + 25/s per endpoint',
          'sequential loop (retrieve, then create)',
          sequential.out.seconds.toFixed(1),
          (sequential.out.seconds / liveFloor).toFixed(2),
          `${sequential.api.created} of ${SEQUENTIAL_SAMPLE} timed`,
          sequential.throttled,
          sequential.refused,
          `timed over ${SEQUENTIAL_SAMPLE} refunds and scaled to ${REFUNDS}`,
        ],
      ],
      notes: [
        `Goal: within 1.5× of each regime's floor, with few 429s. Speed-up over the sequential loop (live): ${(sequential.out.seconds / liveOurs.out.seconds).toFixed(1)}×.`,
        "Floors are computed from the documented limits; the limiter aims 4% under them (24/s, 96/s) to leave room for the account's other traffic.",
        '400s: requests the strict Stripe double refused (test/doubles/stripe: what Stripe would refuse, and refund POSTs without an idempotency key of ours); the goal is 0.',
        "Refunds created must equal the number asked for, never more: every create carries an idempotency key, so the SDK's retry of a dropped connection gets the first refund back.",
      ],
    },
  ];
}
