import nock from 'nock';
import { errors, type ZObject } from 'zapier-platform-core';
import { completedSessionEvents, type ListableSession } from '../../bench/fake-session-list';
import { eventsSplit, findByClientReference, planFind } from '../../lib/sessions/find';
import { EVENTS_KEPT_SECONDS } from '../../lib/sessions/scan';
import { stripeClient } from '../../lib/stripe/client';
import session from '../fixtures/foundation/checkout_session.json';
import { STRIPE_API, operationRunner, refusedBeforeSending } from '../helpers';
import { DAY, serveSessionList, sessionAccount, type AccountSession } from '../session-account';

const LIVE_KEY = 'sk_live_51NfakeKeyForTestsOnly0000000000000000000000';
const NOW = Math.floor(Date.now() / 1000);
/** Where the events list takes over when the search starts now (it starts a moment later). */
const SPLIT = NOW + 1 - EVENTS_KEPT_SECONDS;
const HOUR = 3_600;
const z = { errors } as unknown as ZObject;

type Query = Record<string, string>;

/** Most complete within minutes, every seventh up to 23 hours later (a session lives 24 hours). */
const completedAt = (s: ListableSession) =>
  s.created + (Number(s.id.slice(-4)) % 7 === 0 ? 23 * HOUR : 300);

/** `GET /v1/events` over the account's completed sessions, as Stripe keeps them (30 days). */
function serveEvents(
  sessions: AccountSession[],
  options: { account?: string; completedAt?: (s: ListableSession) => number } = {},
) {
  const store = completedSessionEvents(sessions, {
    now: NOW,
    keptSeconds: 30 * DAY,
    completedAt: options.completedAt ?? completedAt,
    account: options.account,
  });
  const queries: Query[] = [];
  const accounts: (string | undefined)[] = [];
  nock(STRIPE_API)
    .persist()
    .get('/v1/events')
    .query(true)
    .reply(function (uri) {
      const query = Object.fromEntries(new URL(uri, STRIPE_API).searchParams);
      queries.push(query);
      accounts.push(this.req.headers['stripe-account'] as string | undefined);
      const { status, body } = store.answer(query);
      return [status, body];
    });
  return { queries, accounts };
}

/** An account whose sessions sit around the 30-day edge, several created before it and completed after. */
function accountAroundTheEdge(): AccountSession[] {
  const sessions = sessionAccount(600, 60, NOW, { seed: 7 });
  sessions.slice(0, 40).forEach((s, i) => {
    s.created = SPLIT - 20 * HOUR + i * HOUR;
    s.status = 'complete';
  });
  return sessions;
}

async function scanLive(input: Record<string, unknown>) {
  const request = planFind(input, Math.floor(Date.now() / 1000));
  if ('problem' in request) throw new Error(request.problem);
  const stripe = stripeClient(z, { stripe_secret_key: LIVE_KEY });
  return findByClientReference(stripe, request, { deadline: Date.now() + 20_000 });
}

function serveRetrieve(id: string, changes: Record<string, unknown> = {}) {
  return nock(STRIPE_API)
    .get(`/v1/checkout/sessions/${id}`)
    .query(true)
    .reply(200, { ...session, id, ...changes });
}

describe('find_checkout_session in live mode: the last 30 days from the events list too', () => {
  it('a quiet shop (600 sessions in 60 days): the events list holds its 30 days, the sessions list older time, every completed session once', async () => {
    const sessions = accountAroundTheEdge();
    const { queries: sessionQueries } = serveSessionList(sessions);
    const { queries: eventQueries } = serveEvents(sessions);
    const { session: found, scan } = await scanLive({ client_reference_id: 'none' });
    expect(found).toBeNull();
    expect(scan.complete).toBe(true);
    // Counted once each: neither lost at the hand-over nor doubled (the straddlers are in both).
    expect(scan.scanned).toBe(sessions.filter((s) => s.status === 'complete').length);
    expect(eventQueries.length).toBeGreaterThan(0);
    expect(eventQueries.every((q) => q.type === 'checkout.session.completed')).toBe(true);
    const split = Math.min(...eventQueries.map((q) => Number(q['created[gte]'])));
    expect(split).toBeGreaterThanOrEqual(SPLIT);
    expect(sessionQueries.every((q) => Number(q['created[lt]']) <= split)).toBe(true);
  });

  it.each([
    ['created an hour before the edge, completed 23 hours later', -HOUR],
    ['created on the edge', 0],
    ['created an hour after the edge', HOUR],
  ])('finds a session %s, from whichever list holds it', async (_name, offset) => {
    const sessions = accountAroundTheEdge();
    const wanted = sessions[100];
    wanted.created = SPLIT + offset;
    wanted.status = 'complete';
    wanted.client_reference_id = 'order-edge';
    serveSessionList(sessions);
    serveEvents(sessions, {
      completedAt: (s) => (s === wanted ? s.created + 23 * HOUR : completedAt(s)),
    });
    const { session: found, scan } = await scanLive({
      client_reference_id: 'order-edge',
    });
    expect(found?.id).toBe(wanted.id);
    expect(scan.complete).toBe(true);
  });

  it('matches on the event (a reference never changes) and returns the session as it is now', async () => {
    const sessions = sessionAccount(300, 20, NOW, { seed: 3 });
    const wanted = sessions.find((s) => s.status === 'complete')!;
    wanted.client_reference_id = 'order-changed';
    serveSessionList(sessions);
    const { queries } = serveEvents(sessions);
    serveRetrieve(wanted.id, { metadata: { fulfilment: 'shipped later' } });
    const run = operationRunner('searches', 'find_checkout_session', true, {
      stripe_secret_key: LIVE_KEY,
    });
    const out = (await run({ client_reference_id: 'order-changed' })) as Record<string, unknown>[];
    expect(queries.length).toBeGreaterThan(0);
    expect(out[0]).toMatchObject({
      id: wanted.id,
      metadata: { fulfilment: 'shipped later' },
      search_newest_certain: true,
    });
  });

  it("on a Connect account, reads the connected account's events (Stripe-Account) and finds its session", async () => {
    const account = 'acct_1ConnectedShop00001';
    const sessions = sessionAccount(300, 20, NOW, { seed: 5 });
    const wanted = sessions.find((s) => s.status === 'complete')!;
    wanted.client_reference_id = 'order-connect';
    serveSessionList(sessions);
    const { accounts } = serveEvents(sessions, { account });
    serveRetrieve(wanted.id);
    const run = operationRunner('searches', 'find_checkout_session', true, {
      stripe_secret_key: LIVE_KEY,
      stripe_account: account,
    });
    const out = (await run({ client_reference_id: 'order-connect' })) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ id: wanted.id });
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.every((a) => a === account)).toBe(true);
  });

  it.each<[string, Record<string, unknown>, 'test' | 'live', boolean]>([
    ['a live key, completed sessions', {}, 'live', true],
    ['a test key (one 25/s for the account)', {}, 'test', false],
    ['status any (events carry completed sessions only)', { status: 'any' }, 'live', false],
    [
      'a payment link (a filter events lack)',
      { payment_link: 'plink_1QxSpringSale' },
      'live',
      false,
    ],
    ['a customer email', { customer_email: 'ana@example.com' }, 'live', false],
  ])('decides on the events list for %s', (_name, input, mode, events) => {
    const request = planFind({ client_reference_id: 'order-1', ...input }, NOW);
    if ('problem' in request) throw new Error(request.problem);
    expect(eventsSplit(request, mode) !== null).toBe(events);
  });

  it('with Created After inside the 30 days, events serve the whole range', () => {
    const request = planFind(
      {
        client_reference_id: 'order-1',
        created_after: new Date((NOW - 5 * DAY) * 1000).toISOString(),
      },
      NOW,
    );
    if ('problem' in request) throw new Error(request.problem);
    expect(eventsSplit(request, 'live')).toBe(request.from);
  });
});

describe('find_checkout_session in live mode: both lists hand the last 30 days over piece by piece', () => {
  const ACCOUNT = 'acct_1ConnectedShop00002';

  /**
   * A busy shop (4,000 sessions in 20 days): both lists take pieces of the last 30 days. Every
   * seventh session completes 23 hours after it was created, one in 13 at the last second of its
   * 24 hours, so sessions complete across every hand-over.
   */
  function busyShop() {
    const rand = (() => {
      let x = 11;
      return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    })();
    const sessions = Array.from({ length: 4_000 }, (_, i) => ({
      id: `cs_live_b${String(i).padStart(10, '0')}`,
      object: 'checkout.session',
      created: NOW - 1 - Math.floor(rand() * 20 * DAY),
      client_reference_id: `order-${i}`,
      status: 'complete',
      customer_details: { email: `buyer-${i}@example.com` },
    }));
    const completedAt = (s: ListableSession) => {
      const n = Number(s.id.slice(-4));
      return s.created + (n % 13 === 0 ? DAY - 1 : n % 7 === 0 ? 23 * HOUR : 120);
    };
    return { sessions, completedAt };
  }

  it('on a Connect account: every completed session counted once, none lost at a hand-over', async () => {
    const { sessions, completedAt } = busyShop();
    const done = sessions.filter((s) => completedAt(s) <= NOW);
    const { queries: sessionQueries } = serveSessionList(done);
    const { queries: eventQueries, accounts } = serveEvents(done as unknown as AccountSession[], {
      account: ACCOUNT,
      completedAt,
    });
    const request = planFind({ client_reference_id: 'none' }, NOW);
    if ('problem' in request) throw new Error(request.problem);
    const stripe = stripeClient(z, { stripe_secret_key: LIVE_KEY, stripe_account: ACCOUNT });
    const { session: found, scan } = await findByClientReference(stripe, request, {
      deadline: Date.now() + 20_000,
      account: ACCOUNT,
    });
    expect(found).toBeNull();
    expect(scan.complete).toBe(true);
    expect(scan.scanned).toBe(done.length);
    // A hand-over, not one list per age: the sessions list read time the events list keeps, and
    // an events piece lay below time the sessions list read.
    const eventsFrom = Math.min(...eventQueries.map((q) => Number(q['created[gte]'])));
    expect(sessionQueries.some((q) => Number(q['created[lt]']) > eventsFrom + DAY)).toBe(true);
    expect(accounts.every((a) => a === ACCOUNT)).toBe(true);
  });

  it.each([
    ['near the top', 100],
    ['deep in the last 30 days', 2_600],
  ])(
    'finds the newest match %s, the session as it is now, although it changed after its event',
    async (_name, depth) => {
      const { sessions, completedAt } = busyShop();
      const done = sessions
        .filter((s) => completedAt(s) <= NOW)
        .sort((a, b) => b.created - a.created);
      const wanted = done[depth];
      const older = done.find((s, i) => i > depth + 50 && s.created < wanted.created)!;
      wanted.client_reference_id = older.client_reference_id = 'order-busy';
      // The event holds the session at completion; the list and the retrieve, as it is now.
      serveEvents(done as unknown as AccountSession[], { completedAt });
      const changed = { customer_details: { email: 'changed-later@example.com' } };
      serveSessionList(done.map((s) => (s === wanted ? { ...s, ...changed } : s)));
      serveRetrieve(wanted.id, { client_reference_id: 'order-busy', ...changed });
      const run = operationRunner('searches', 'find_checkout_session', true, {
        stripe_secret_key: LIVE_KEY,
      });
      const out = (await run({ client_reference_id: 'order-busy' })) as Record<string, unknown>[];
      expect(out[0]).toMatchObject({ id: wanted.id, search_newest_certain: true });
      expect(JSON.stringify(out[0])).toContain('changed-later@example.com');
    },
  );
});

describe('find_checkout_session with customer_email', () => {
  const run = operationRunner('searches', 'find_checkout_session', true);

  function customerAccount() {
    const sessions = sessionAccount(3000, 200, NOW, { seed: 9 });
    const theirs = [sessions[2500], sessions[1200], sessions[40]];
    for (const s of theirs) {
      s.customer_details = { ...s.customer_details, email: 'ana@example.com' };
      s.status = 'complete';
    }
    return { sessions, theirs };
  }

  it("lists only the customer's sessions and still matches the reference among them", async () => {
    const { sessions, theirs } = customerAccount();
    const { queries } = serveSessionList(sessions);
    serveRetrieve(theirs[1].id);
    const out = (await run({
      customer_email: ' ana@example.com ',
      client_reference_id: theirs[1].client_reference_id,
    })) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ id: theirs[1].id, search_newest_certain: true });
    expect(queries).toHaveLength(1);
    expect(queries[0]['customer_details[email]']).toBe('ana@example.com');
  });

  it("without a reference, returns the customer's newest session", async () => {
    const { sessions, theirs } = customerAccount();
    const newest = [...theirs].sort((a, b) => b.created - a.created)[0];
    const { queries } = serveSessionList(sessions);
    serveRetrieve(newest.id);
    const out = (await run({ customer_email: 'ana@example.com' })) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ id: newest.id });
    expect(queries).toHaveLength(1);
  });

  it('in live mode, reads the sessions list only (one request)', async () => {
    const { sessions, theirs } = customerAccount();
    const { queries } = serveSessionList(sessions);
    const events = serveEvents(sessions);
    const { session: found } = await scanLive({
      customer_email: 'ana@example.com',
      client_reference_id: theirs[2].client_reference_id,
    });
    expect(found?.id).toBe(theirs[2].id);
    expect(queries).toHaveLength(1);
    expect(events.queries).toHaveLength(0);
  });

  it.each([
    ['two addresses', 'ana@example.com, bo@example.com', /Customer Email .* looks like a list/],
    ['a name and an address', 'Ana <ana@example.com>', /Customer Email .* angle brackets/],
    ['no domain', 'ana@example', /Customer Email "ana@example" has no valid domain/],
    ['no @', 'ana.example.com', /Customer Email "ana.example.com" has no @/],
  ])('refuses %s with a clear message and sends nothing', async (_name, email, message) => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ customer_email: email, client_reference_id: 'order-1' }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});
