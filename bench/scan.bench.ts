import fs from 'node:fs';
import path from 'node:path';
import { errors, type ZObject } from 'zapier-platform-core';
import type Stripe from 'stripe';
import { planFind } from '../lib/sessions/find';
import { findOrder } from '../lib/sessions/find-order';
import { EVENTS_KEPT_SECONDS, scanDeadline } from '../lib/sessions/scan';
import { stripeClient } from '../lib/stripe/client';
import { createStepLimiter, type StripeMode } from '../lib/stripe/limiter';
import { completedSessionEvents, SessionStore } from './fake-session-list';
import { startFakeStripe, type FakeStripeOptions } from './fake-stripe';
import type { BenchTable } from './table';

/** A real session's shape (read at run time: the build does not include test/). */
const template = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '../../test/fixtures/foundation/checkout_session.json'),
    'utf8',
  ),
) as Record<string, unknown> & { line_items?: unknown };

const LATENCY_MS = 300;
const PAGE = 100;
/** Stripe's 25 requests/s on the list endpoint, 100 sessions a page. */
const CEILING = 25 * PAGE;
/** Two lists, each its own 25/s (live mode, the last 30 days). */
const TWO_LISTS = 2 * CEILING;
/** 90 days: about 24,400 sessions within the 30 days the events list keeps. */
const DAYS = 90;
/** Stripe keeps events 30 days. */
const EVENTS_KEPT = 30 * 86_400;
const ACCOUNT_SESSIONS = 60_000;
const DEPTHS = [2_000, 5_000, 10_000, 15_000, 20_000, 50_000];
/** The depths, also on the uneven account. */
const UNEVEN_DEPTHS = [2_000, 10_000, 20_000];
const EMAIL_DEPTH = 20_000;
const SEQUENTIAL_PAGES = 30;
/** Stripe's documented limits: live 100/s per account and 25/s per endpoint; test 25/s per account. */
const MODES: [StripeMode, Pick<FakeStripeOptions, 'ratePerSecond' | 'accountRatePerSecond'>][] = [
  ['live', { ratePerSecond: 25, accountRatePerSecond: 100 }],
  ['test', { ratePerSecond: 25, accountRatePerSecond: 25 }],
];
const z = { errors } as unknown as ZObject;
/** The key's mode sets the step's limiter (lib/stripe/limiter.ts), as in a Zap. */
const KEYS: Record<StripeMode, string> = {
  live: 'sk_live_51BenchKeyForLoopbackOnly000000',
  test: 'sk_test_51BenchKeyForLoopbackOnly000000',
};

type Session = {
  id: string;
  created: number;
  client_reference_id: string;
  status: string;
  customer_details: { email: string | null };
};

/** Minutes for most, up to 23 hours for one in 40 (a session lives 24 hours). */
function completedAt(s: Session): number {
  const n = Number(s.id.slice(-6));
  return s.created + (n % 40 === 0 ? (n * 7_919) % 82_800 : (n * 37) % 900);
}

/** How the account's sessions are spread in time. */
type Arrivals = 'even' | 'uneven';
/** Uneven: by day this much busier, by night this much quieter, than the day's mean. */
const DAY_SWING = 0.6;
/** Uneven arrivals are random but the same every run (a fixed seed). */
const SEED = 26;

/**
 * ACCOUNT_SESSIONS over DAYS, newest first, a growing shop: twice as many sessions a day now as
 * DAYS ago (the density falls linearly with age). `even`: session i sits where the count reaches
 * i + ½ (smooth: every stretch of time holds what its density says). `uneven`: as customers come,
 * each independently of the others (a Poisson process: a stretch holds its density's count give
 * or take its square root), busier by day than by night (± DAY_SWING) — the times a shop has.
 */
function account(now: number, arrivals: Arrivals = 'even'): Session[] {
  const { line_items: _items, ...base } = template;
  void _items;
  const span = DAYS * 86_400;
  const age = arrivals === 'even' ? evenAge(span) : unevenAges(span);
  return Array.from({ length: ACCOUNT_SESSIONS }, (_, i) => ({
    ...base,
    id: `cs_test_b${String(i).padStart(12, '0')}`,
    created: Math.floor(now - age(i)) - 1,
    client_reference_id: `order-${i}`,
    status: 'complete',
    customer_details: { email: `buyer-${i % 7_000}@example.com` },
  }));
}

/** Session i's age: where the growing shop's count reaches i + ½ (the count's inverse, exact). */
function evenAge(span: number): (i: number) => number {
  return (i) => span * (2 - Math.sqrt(4 - 3 * ((i + 0.5) / ACCOUNT_SESSIONS)));
}

/**
 * Session i's age, Poisson arrivals: the count at each session is a running sum of random
 * exponential gaps (scaled to the span), turned into time through the expected count by age
 * (minute by minute, with the day's swing).
 */
function unevenAges(span: number): (i: number) => number {
  let seed = SEED;
  // A small linear congruential generator: the same sequence every run, on every Node.
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const counts: number[] = [];
  let total = 0;
  for (let i = 0; i <= ACCOUNT_SESSIONS; i += 1) counts.push((total += -Math.log(1 - random())));
  const step = 60;
  const expected = [0];
  for (let a = step; a <= span; a += step) {
    const density = (2 - a / span) * (1 + DAY_SWING * Math.sin((2 * Math.PI * a) / 86_400));
    expected.push(expected[expected.length - 1] + density * step);
  }
  const scale = expected[expected.length - 1] / total;
  return (i) => {
    const target = counts[i] * scale;
    let lo = 1;
    let hi = expected.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (expected[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    const within = (target - expected[lo - 1]) / (expected[lo] - expected[lo - 1]);
    return (lo - 1 + within) * step;
  };
}

async function withFake<T>(
  mode: StripeMode,
  sessions: Session[],
  work: (stripe: Stripe) => Promise<T>,
) {
  let refused = 0;
  const now = Math.floor(Date.now() / 1000);
  const lists: Record<string, SessionStore<{ id: string; created: number }>> = {
    '/v1/checkout/sessions': new SessionStore(sessions),
    '/v1/events': completedSessionEvents(sessions, { now, keptSeconds: EVENTS_KEPT, completedAt }),
  };
  const fake = await startFakeStripe({
    latencyMs: LATENCY_MS,
    ...Object.fromEntries(MODES)[mode],
    routes: [
      (req) => {
        const list = lists[req.path];
        if (req.method !== 'GET' || !list) return null;
        const answer = list.answer(Object.fromEntries(req.query));
        if (answer.status !== 200) refused += 1;
        return answer;
      },
      (req) => {
        const m = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)$/.exec(req.path);
        return req.method === 'GET' && m ? { status: 200, body: { ...template, id: m[1] } } : null;
      },
    ],
  });
  const stripe = stripeClient(
    z,
    { stripe_secret_key: KEYS[mode] },
    { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  );
  try {
    return {
      ...(await work(stripe)),
      throttled: fake.stats.throttled,
      throttledBy: fake.stats.throttledBy,
      refused: refused + fake.stats.refused,
    };
  } finally {
    await fake.close();
  }
}

/** The find search end to end: the scan, then retrieving the match with its line items. */
async function ours(
  mode: StripeMode,
  sessions: Session[],
  depth: number,
  email = false,
  densityHint: number | null = null,
) {
  const now = Math.floor(Date.now() / 1000);
  const wanted = sessions.map((s, i) => ({
    ...s,
    client_reference_id: i === depth ? 'order-wanted' : s.client_reference_id,
  }));
  // The search's own default range: no Created After, back to the account's first session.
  const request = planFind(
    {
      client_reference_id: 'order-wanted',
      ...(email ? { customer_email: wanted[depth].customer_details.email } : {}),
    },
    now,
  );
  if ('problem' in request) throw new Error(request.problem);
  return withFake(mode, wanted, async (stripe) => {
    const start = performance.now();
    try {
      // As the search step does: the match's order is fetched while the scan makes sure of it.
      const found = await findOrder(stripe, request, {
        deadline: scanDeadline(Date.now()),
        densityHint,
      });
      const order = found.order;
      return {
        seconds: (performance.now() - start) / 1000,
        pages: found.scan.requests,
        topDensity: found.scan.topDensity ?? null,
        result: `${order && found.session?.client_reference_id === 'order-wanted' ? 'found' : 'NOT found'}${found.scan.complete ? '' : ', incomplete'}`,
      };
    } catch (err) {
      // A refused request (Stripe's 400) ends the search: the row says so instead of a time.
      const message = err instanceof Error ? err.message : String(err);
      return {
        seconds: NaN,
        pages: 0,
        topDensity: null,
        result: `failed: ${message.slice(0, 60)}`,
      };
    }
  });
}

/** One cursor chain (the SDK's auto-pagination): seconds per page, timed over SEQUENTIAL_PAGES. */
async function sequentialPerPage(mode: StripeMode, sessions: Session[]) {
  return withFake(mode, sessions, async (stripe) => {
    const start = performance.now();
    let seen = 0;
    for await (const _ of stripe.checkout.sessions.list({ limit: PAGE, status: 'complete' })) {
      void _;
      if ((seen += 1) >= SEQUENTIAL_PAGES * PAGE) break;
    }
    return { secondsPerPage: (performance.now() - start) / 1000 / SEQUENTIAL_PAGES };
  });
}

/** A row's 429s, by endpoint when there were any. */
function throttles(r: { throttled: number; throttledBy: Record<string, number> }): string {
  if (!r.throttled) return '0';
  const by = Object.entries(r.throttledBy)
    .map(([e, n]) => `${e.replace('GET /v1/', '')} ${n}`)
    .join(', ');
  return `${r.throttled} (${by})`;
}

export async function run(): Promise<BenchTable[]> {
  const now = Math.floor(Date.now() / 1000);
  const accounts: Record<Arrivals, Session[]> = {
    even: account(now, 'even'),
    uneven: account(now, 'uneven'),
  };
  const recentIn = (sessions: Session[]) =>
    sessions.filter((s) => s.created >= now - EVENTS_KEPT).length;
  const recent = recentIn(accounts.even);
  const trips = (2 * LATENCY_MS) / 1000;
  const oneList = (depth: number) => depth / CEILING + trips;
  const rows: (string | number)[][] = [];
  for (const [name] of MODES) {
    const seq = await sequentialPerPage(name, accounts.even);
    for (const arrivals of ['even', 'uneven'] as const) {
      const sessions = accounts[arrivals];
      const inRange = recentIn(sessions);
      // The last 30 days from both lists at once, the rest from the sessions list.
      const twoLists = (depth: number) =>
        Math.min(depth, inRange) / TWO_LISTS + Math.max(0, depth - inRange) / CEILING + trips;
      for (const depth of arrivals === 'even' ? DEPTHS : UNEVEN_DEPTHS) {
        const r = await ours(name, sessions, depth);
        // The same connection's next search: planned from the pace this one measured (its cache).
        const next = await ours(name, sessions, depth, false, r.topDensity);
        // Test keys: one 25/s for the whole account, both lists would share it.
        const floor = name === 'live' ? twoLists(depth) : oneList(depth);
        // Sequential: every page down to the match's, one after another, then the retrieve.
        const sequential = (Math.ceil((depth + 1) / PAGE) + 1) * seq.secondsPerPage;
        // A failed search has no time: its row says why instead.
        const timed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
        rows.push([
          name,
          arrivals,
          depth.toLocaleString('en-US'),
          oneList(depth).toFixed(2),
          name === 'live' ? twoLists(depth).toFixed(2) : '—',
          timed(r.seconds, 2),
          timed(r.seconds / floor, 2),
          timed(next.seconds, 2),
          timed(next.seconds / floor, 2),
          sequential.toFixed(1),
          timed(sequential / r.seconds, 1),
          `${r.pages} / ${next.pages}`,
          `${throttles(r)} / ${throttles(next)}`,
          `${r.refused} / ${next.refused}`,
          r.result === next.result ? r.result : `${r.result} / ${next.result}`,
        ]);
      }
    }
    const byEmail = await ours(name, accounts.even, EMAIL_DEPTH, true);
    rows.push([
      name,
      'even',
      `${EMAIL_DEPTH.toLocaleString('en-US')}, with customer_email`,
      trips.toFixed(2),
      '—',
      byEmail.seconds.toFixed(2),
      (byEmail.seconds / trips).toFixed(2),
      '—',
      '—',
      '—',
      '—',
      byEmail.pages,
      throttles(byEmail),
      byEmail.refused,
      byEmail.result,
    ]);
  }
  return [
    {
      title: `Find a checkout session by client_reference_id, end to end (scan + retrieve): loopback Stripe, ${LATENCY_MS} ms latency, limits counted over any one-second window, ${ACCOUNT_SESSIONS.toLocaleString('en-US')} sessions over ${DAYS} days (${recent.toLocaleString('en-US')} in the last 30 days when even), the match at each depth`,
      columns: [
        'mode',
        'arrivals',
        'sessions newer than the match',
        'floor one list s',
        'floor two lists s',
        'ours s',
        '× floor',
        'next search s',
        'next × floor',
        'sequential s',
        '× faster than sequential',
        'list pages (first / next)',
        '429s (first / next)',
        '400s (first / next)',
        'result',
      ],
      rows,
      notes: [
        `Modes: live = 25 requests/s per endpoint and 100/s per account; test = 25/s for the whole account (the retrieve shares it with the scan). Ours paces each list at ${createStepLimiter('live').endpointRate} requests in any one second (the step limiter's rate for one endpoint, either mode).`,
        `Floor one list = sessions newer than the match ÷ ${CEILING.toLocaleString('en-US')}/s (25 requests/s × ${PAGE}) + two round-trips (the first page and the retrieve). Floor two lists (live) = the part within the last 30 days ÷ ${TWO_LISTS.toLocaleString('en-US')}/s (sessions list and events list, 25/s each) + the older part ÷ ${CEILING.toLocaleString('en-US')}/s + two round-trips. × floor is against the mode's floor (live: two lists; test: one list). Goal: ≤ 1.25×, no 429s, no 400s (the loopback lists refuse what Stripe refuses: bench/fake-session-list.ts).`,
        `The events list (ours reads its last ${Math.round(EVENTS_KEPT_SECONDS / 3_600)} hours: 30 days less one) serves completed sessions by the time each completed: minutes after creation for most, up to 23 hours for one in 40.`,
        `Ours = a connection's first search. Next search = the same search again on the same connection, planned from the pace the first one measured (its first page's sessions a second, kept in the connection's cache: lib/sessions/density.ts), so both lists ask their first pages at once instead of after a round-trip.`,
        `Arrivals: even = each stretch of time holds exactly what the shop's density says (smooth, as earlier tables); uneven = the same shop with customers arriving independently (a Poisson process, seeded: the same account every run) and ${Math.round(DAY_SWING * 100)}% busier by day / quieter by night, as a shop's sessions come. Uneven costs a scan pages: a piece cut to hold just under a page by the density around it often holds a few sessions more (one more request) or many fewer (a page part empty).`,
        `Sequential = one cursor chain (the SDK's auto-pagination) down to the match's page plus the retrieve, timed over ${SEQUENTIAL_PAGES} pages and projected. The customer_email row: the same match found by the customer's email (floor = the list page and the retrieve).`,
      ],
    },
  ];
}
