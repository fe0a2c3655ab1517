import nock from 'nock';
import { errors, type ZObject } from 'zapier-platform-core';
import { SessionStore } from '../../../bench/fake-session-list';
import { planFind } from '../../../lib/sessions/find';
import { FETCH_AHEAD_FRESH_MS, FETCH_AHEAD_MAX, findOrder } from '../../../lib/sessions/find-order';
import { stripeClient } from '../../../lib/stripe/client';
import session from '../../fixtures/foundation/checkout_session.json';
import { STRIPE_API } from '../../helpers';

const z = { errors } as unknown as ZObject;
const NOW = Math.floor(Date.now() / 1000);
const SPAN = 30 * 86_400;
const COUNT = 2_000;

/** COUNT completed sessions over 30 days, newest first; `refs` puts a reference at a depth. */
function account(refs: Record<number, string>) {
  const { line_items: _items, ...base } = session;
  void _items;
  return Array.from({ length: COUNT }, (_, i) => ({
    ...base,
    id: `cs_test_f${String(i).padStart(10, '0')}`,
    created: NOW - 1 - Math.floor(((i + 0.5) / COUNT) * SPAN),
    client_reference_id: refs[i] ?? `order-${i}`,
    status: 'complete',
  }));
}

type Log = { at: number; what: string }[];

/**
 * The sessions list through the strict store, each page answered later the newer its window:
 * deep windows answer first, so a match deep in the range is found while newer time is still
 * being read (as when the other windows' pages are slower, or the other list holds them).
 */
function serveSlowNewest(sessions: ReturnType<typeof account>, log: Log, spreadMs = 400) {
  const store = new SessionStore(sessions);
  const oldest = sessions[sessions.length - 1].created;
  nock(STRIPE_API)
    .persist()
    .get('/v1/checkout/sessions')
    .query(true)
    .reply((uri, _body, callback) => {
      const query = Object.fromEntries(new URL(uri, STRIPE_API).searchParams);
      const top = Number(query['created[lt]']);
      const delay = 10 + Math.round(((top - oldest) / SPAN) * spreadMs);
      setTimeout(() => {
        log.push({ at: Date.now(), what: 'list answered' });
        const { status, body } = store.answer(query);
        callback(null, [status, body]);
      }, delay);
    });
}

/** The retrieve of one session with the order's expansions; `changes` set what it answers. */
function serveRetrieve(id: string, log: Log, ...answers: Record<string, unknown>[]) {
  for (const changes of answers.length ? answers : [{}])
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${id}`)
      .query(true)
      .reply(() => {
        log.push({ at: Date.now(), what: `retrieve ${id}` });
        return [200, { ...session, id, ...changes }];
      });
}

/**
 * A live key (the retrieve has its own 25/s, as in a Zap; with a test key it queues behind the
 * scan's pages on the account's one 25/s) and status "any" (the sessions list alone).
 */
async function find(ref: string, now?: () => number) {
  const request = planFind({ client_reference_id: ref, status: 'any' }, NOW);
  if ('problem' in request) throw new Error(request.problem);
  const stripe = stripeClient(z, {
    stripe_secret_key: 'sk_live_51NfakeKeyForTestsOnly000000000000',
  });
  return findOrder(stripe, request, { deadline: Date.now() + 20_000 }, now);
}

const retrieves = (log: Log) => log.filter((e) => e.what.startsWith('retrieve'));

describe('findOrder: the match is retrieved while the scan makes sure of it', () => {
  it('asks for the order as soon as the match is found, before newer time has all been read, and asks once', async () => {
    const sessions = account({ 1500: 'wanted' });
    const log: Log = [];
    serveSlowNewest(sessions, log);
    serveRetrieve(sessions[1500].id, log);
    const found = await find('wanted');
    expect(found.order).toMatchObject({ id: sessions[1500].id, line_items: expect.any(Array) });
    expect(found.scan.complete).toBe(true);
    expect(retrieves(log)).toHaveLength(1);
    const retrieved = log.findIndex((e) => e.what.startsWith('retrieve'));
    // List pages were still answering after the retrieve: it did not wait for the scan's end.
    expect(log.slice(retrieved + 1).some((e) => e.what === 'list answered')).toBe(true);
  });

  it('a newer match found later is retrieved in its place, and the step returns the newer one', async () => {
    const sessions = account({ 1500: 'wanted', 400: 'wanted' });
    const log: Log = [];
    serveSlowNewest(sessions, log);
    serveRetrieve(sessions[1500].id, log);
    serveRetrieve(sessions[400].id, log);
    const found = await find('wanted');
    expect(found.session?.id).toBe(sessions[400].id);
    expect(found.order?.id).toBe(sessions[400].id);
    expect(retrieves(log).map((e) => e.what)).toEqual([
      `retrieve ${sessions[1500].id}`,
      `retrieve ${sessions[400].id}`,
    ]);
  });

  it(`fetches ahead at most ${FETCH_AHEAD_MAX} times; a newer match after that is retrieved once the scan ends`, async () => {
    const depths = [1800, 1500, 1200, 900, 600];
    const sessions = account(Object.fromEntries(depths.map((d) => [d, 'wanted'])));
    const log: Log = [];
    // Matches 300 sessions apart answer 0.25 s apart: the order holds on a loaded machine too.
    serveSlowNewest(sessions, log, 1_600);
    for (const d of depths) serveRetrieve(sessions[d].id, log);
    const found = await find('wanted');
    expect(found.order?.id).toBe(sessions[600].id);
    // Deep pages answer first: each match in turn was the newest so far.
    expect(retrieves(log).map((e) => e.what)).toEqual([
      ...depths.slice(0, FETCH_AHEAD_MAX).map((d) => `retrieve ${sessions[d].id}`),
      `retrieve ${sessions[600].id}`,
    ]);
    nock.cleanAll();
  });

  it(`an order fetched more than ${FETCH_AHEAD_FRESH_MS / 1000} s before the scan ended is fetched again: the record is as of the answer`, async () => {
    const sessions = account({ 1500: 'wanted' });
    const log: Log = [];
    serveSlowNewest(sessions, log);
    serveRetrieve(sessions[1500].id, log, { payment_status: 'unpaid' }, { payment_status: 'paid' });
    // Each reading of the clock is 6 s after the last: the fetch ahead is stale at the end.
    let clock = 0;
    const found = await find('wanted', () => (clock += FETCH_AHEAD_FRESH_MS + 1_000));
    expect(retrieves(log)).toHaveLength(2);
    expect(found.order).toMatchObject({ id: sessions[1500].id, payment_status: 'paid' });
  });

  it('a fetch ahead that failed is made again after the scan, as without fetching ahead', async () => {
    const sessions = account({ 1500: 'wanted' });
    const log: Log = [];
    serveSlowNewest(sessions, log);
    const id = sessions[1500].id;
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${id}`)
      .query(true)
      .times(2) // the SDK's one retry of a server error
      .reply(() => {
        log.push({ at: Date.now(), what: `retrieve ${id} failed` });
        return [500, { error: { type: 'api_error', message: 'An unknown error occurred' } }];
      });
    serveRetrieve(id, log);
    const found = await find('wanted');
    expect(found.order?.id).toBe(id);
    expect(log.filter((e) => e.what === `retrieve ${id}`)).toHaveLength(1);
  });

  it('no match: nothing is retrieved', async () => {
    const sessions = account({});
    const log: Log = [];
    serveSlowNewest(sessions, log);
    const found = await find('nobody');
    expect(found.order).toBeNull();
    expect(found.scan.complete).toBe(true);
    expect(retrieves(log)).toHaveLength(0);
  });
});
