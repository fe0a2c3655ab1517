import { errors, type ZObject } from 'zapier-platform-core';
import { bulkRefund } from '../lib/refunds/bulk';
import { planRefund } from '../lib/refunds/plan';
import { stripeClient } from '../lib/stripe/client';
import { startFakeStripe, type FakeRoute } from './fake-stripe';
import type { BenchTable } from './table';

const REFUNDS = 100;
const SEQUENTIAL_SAMPLE = 20;
const LATENCY_MS = 250;
const RATE = 25;

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
const auth = { stripe_secret_key: 'sk_test_51BenchKeyForLoopbackOnly000000' };

async function runOurs() {
  const api = refundApi({ dropAfterCommitEvery: 10, serverErrorEvery: 17 });
  const fake = await startFakeStripe({
    latencyMs: LATENCY_MS,
    ratePerSecond: RATE,
    routes: api.routes,
  });
  const stripe = stripeClient(z, auth, { host: '127.0.0.1', port: fake.port, protocol: 'http' });
  const start = performance.now();
  const result = await bulkRefund(stripe, ids('bulk', REFUNDS), null, {
    deadline: Date.now() + 120_000,
  });
  const seconds = (performance.now() - start) / 1000;
  await fake.close();
  return { seconds, result, api: api.stats, throttled: fake.stats.throttled };
}

async function runSequential() {
  const api = refundApi({ dropAfterCommitEvery: 10, serverErrorEvery: 17 });
  const fake = await startFakeStripe({
    latencyMs: LATENCY_MS,
    ratePerSecond: RATE,
    routes: api.routes,
  });
  const stripe = stripeClient(z, auth, { host: '127.0.0.1', port: fake.port, protocol: 'http' });
  const start = performance.now();
  for (const id of ids('seq', SEQUENTIAL_SAMPLE)) {
    const plan = planRefund(await stripe.charges.retrieve(id), {});
    await stripe.refunds.create(plan.params, { idempotencyKey: plan.idempotencyKey });
  }
  const seconds = ((performance.now() - start) / 1000) * (REFUNDS / SEQUENTIAL_SAMPLE);
  await fake.close();
  return { seconds, created: api.stats.created };
}

export async function run(): Promise<BenchTable[]> {
  const ours = await runOurs();
  const sequential = await runSequential();
  const floor = REFUNDS / RATE;
  return [
    {
      title: `${REFUNDS} full refunds against a loopback Stripe (${LATENCY_MS} ms latency, ${RATE} req/s per endpoint, faults injected)`,
      columns: ['approach', 'wall time s', '× rate-limit floor', 'refunds created', 'notes'],
      rows: [
        [
          'rate-limit floor',
          floor.toFixed(1),
          '1.00',
          REFUNDS,
          `${REFUNDS} creates at ${RATE}/s; the charge reads use another endpoint and overlap`,
        ],
        [
          'ours (bulk_refund runner)',
          ours.seconds.toFixed(2),
          (ours.seconds / floor).toFixed(2),
          ours.api.created,
          `${ours.result.counts.refunded} refunded, ${ours.result.counts.failed} failed; ${ours.api.dropped} connections dropped after commit (replayed: ${ours.api.replayed}), ${ours.api.serverErrors} × 500, ${ours.throttled} × 429 from the server`,
        ],
        [
          'sequential loop (retrieve, then create, one by one)',
          sequential.seconds.toFixed(1),
          (sequential.seconds / floor).toFixed(2),
          `${sequential.created} of ${SEQUENTIAL_SAMPLE} timed`,
          `timed over ${SEQUENTIAL_SAMPLE} refunds and scaled to ${REFUNDS}`,
        ],
      ],
      notes: [
        `Speed-up over the sequential loop: ${(sequential.seconds / ours.seconds).toFixed(1)}×. Goal: within 1.5× of the floor.`,
        "Refunds created must equal the number asked for, never more: every create carries an idempotency key, so the SDK's retry of a dropped connection gets the first refund back.",
      ],
    },
  ];
}
