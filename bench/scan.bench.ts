import fs from 'node:fs';
import path from 'node:path';
import { errors, type ZObject } from 'zapier-platform-core';
import type Stripe from 'stripe';
import { findByClientReference, type FindRequest } from '../lib/sessions/find';
import { SCAN_BUDGET_MS } from '../lib/sessions/scan';
import { stripeClient } from '../lib/stripe/client';
import { retrieveCheckoutOrder } from '../lib/stripe/order';
import { SessionStore } from './fake-session-list';
import { startFakeStripe } from './fake-stripe';
import type { BenchTable } from './table';

/** A real session's shape (read at run time: the build does not include test/). */
const template = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '../../test/fixtures/foundation/checkout_session.json'),
    'utf8',
  ),
) as Record<string, unknown> & { line_items?: unknown };

const LATENCY_MS = 300;
const RATE = 25;
const CEILING = RATE * 100;
const DAYS = 180;
const SEQUENTIAL_PAGES = 30;
const z = { errors } as unknown as ZObject;
const auth = { stripe_secret_key: 'sk_test_51BenchKeyForLoopbackOnly000000' };

/** `count` sessions spread over DAYS (denser lately, as shops grow); the wanted one among the oldest. */
function account(count: number, now: number) {
  const { line_items: _items, ...base } = template;
  void _items;
  const sessions = Array.from({ length: count }, (_, i) => {
    const age = Math.pow(i / count, 1.5) * DAYS * 86_400; // more sessions in recent days
    return {
      ...base,
      id: `cs_test_b${String(i).padStart(12, '0')}`,
      created: Math.floor(now - age) - 1,
      client_reference_id: `order-${i}`,
    };
  });
  sessions[count - 3].client_reference_id = 'order-wanted';
  return new SessionStore(sessions);
}

async function withFake<T>(
  store: SessionStore<{ id: string; created: number }>,
  work: (stripe: Stripe) => Promise<T>,
) {
  const fake = await startFakeStripe({
    latencyMs: LATENCY_MS,
    ratePerSecond: RATE,
    routes: [
      (req) =>
        req.method === 'GET' && req.path === '/v1/checkout/sessions'
          ? { status: 200, body: store.list(Object.fromEntries(req.query)) }
          : null,
      (req) => {
        const m = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)$/.exec(req.path);
        return req.method === 'GET' && m ? { status: 200, body: { ...template, id: m[1] } } : null;
      },
    ],
  });
  const stripe = stripeClient(z, auth, { host: '127.0.0.1', port: fake.port, protocol: 'http' });
  try {
    return {
      result: await work(stripe),
      throttled: fake.stats.throttled,
      requests: fake.stats.requests,
    };
  } finally {
    await fake.close();
  }
}

async function ours(count: number) {
  const now = Math.floor(Date.now() / 1000);
  const store = account(count, now);
  const request: FindRequest = {
    clientReferenceId: 'order-wanted',
    paymentLink: null,
    status: 'complete',
    from: now - DAYS * 86_400 - 60,
    to: now + 1,
  };
  return withFake(store, async (stripe) => {
    const start = performance.now();
    const found = await findByClientReference(stripe, request, Date.now() + SCAN_BUDGET_MS, 24);
    const scanSeconds = (performance.now() - start) / 1000;
    const order = found.session ? await retrieveCheckoutOrder(stripe, found.session.id) : null;
    const totalSeconds = (performance.now() - start) / 1000;
    return {
      scan: found.scan,
      scanSeconds,
      totalSeconds,
      found: !!order && found.session?.client_reference_id === 'order-wanted',
    };
  });
}

async function sequential(count: number) {
  const now = Math.floor(Date.now() / 1000);
  const store = account(count, now);
  return withFake(store, async (stripe) => {
    const start = performance.now();
    let seen = 0;
    for await (const s of stripe.checkout.sessions.list({
      limit: 100,
      status: 'complete',
      created: { gte: now - DAYS * 86_400 - 60 },
    })) {
      seen += 1;
      if (s.client_reference_id === 'order-wanted' || seen >= SEQUENTIAL_PAGES * 100) break;
    }
    return { seen, seconds: (performance.now() - start) / 1000 };
  });
}

export async function run(): Promise<BenchTable[]> {
  const seq = await sequential(20_000);
  const small = await ours(20_000);
  const large = await ours(50_000);
  const seqRate = seq.result.seen / seq.result.seconds;
  const rate = (r: typeof small.result) => r.scan.scanned / r.scanSeconds;
  const row = (label: string, count: number, r: typeof small) => [
    label,
    count.toLocaleString('en-US'),
    r.result.scan.scanned.toLocaleString('en-US'),
    r.result.scanSeconds.toFixed(2),
    r.result.totalSeconds.toFixed(2),
    Math.round(rate(r.result)),
    `${Math.round((rate(r.result) / CEILING) * 100)}%`,
    (rate(r.result) / seqRate).toFixed(1),
    `${r.result.found ? 'found' : 'NOT found'}${r.result.scan.complete ? '' : ', incomplete'}; ${r.result.scan.requests} pages, ${r.throttled} × 429`,
  ];
  return [
    {
      title: `Find a checkout session by client_reference_id: loopback Stripe list (${LATENCY_MS} ms latency, ${RATE} req/s per endpoint, 100 per page), sessions over ${DAYS} days, the match among the oldest`,
      columns: [
        'approach',
        'account sessions',
        'sessions scanned',
        'scan s',
        'end to end s',
        'sessions/s',
        '% of 2,500/s ceiling',
        '× sequential',
        'notes',
      ],
      rows: [
        [
          'sequential (SDK auto-pagination)',
          '20,000',
          seq.result.seen.toLocaleString('en-US'),
          seq.result.seconds.toFixed(2),
          `${(20_000 / seqRate).toFixed(1)} (projected)`,
          Math.round(seqRate),
          `${Math.round((seqRate / CEILING) * 100)}%`,
          '1.0',
          `timed over ${SEQUENTIAL_PAGES} pages; the projection is for all 20,000`,
        ],
        row('ours (time windows in parallel)', 20_000, small),
        row('ours (time windows in parallel)', 50_000, large),
      ],
      notes: [
        `Ceiling: ${RATE} requests/s × 100 sessions = ${CEILING.toLocaleString('en-US')} sessions/s. Goal: ≥ 80% of it and ≥ 5× sequential; 50,000 sessions end to end inside the ${SCAN_BUDGET_MS / 1000} s scan budget.`,
        'Ours runs its client-side limiter at 24 requests/s (one under the limit, leaving room for the account’s other calls); "end to end" adds retrieving the match with its line items.',
      ],
    },
  ];
}
