import nock from 'nock';
import { SessionStore } from '../../bench/fake-session-list';
import session from '../fixtures/foundation/checkout_session.json';
import { STRIPE_API, makeBundle } from '../helpers';
import { useRuntime } from '../runtime';

/**
 * Find Checkout Session through Zapier's real handler and a cache that behaves like Zapier's
 * (scoped per connection, TTLs): the connection's last search measured the account's pace, so
 * the next one plans its first requests at once instead of waiting a round-trip for a page.
 */
const runtime = useRuntime();
const NOW = Math.floor(Date.now() / 1000);
const COUNT = 3_000;

function account() {
  const { line_items: _items, ...base } = session;
  void _items;
  return Array.from({ length: COUNT }, (_, i) => ({
    ...base,
    id: `cs_test_p${String(i).padStart(10, '0')}`,
    created: NOW - 1 - Math.floor(((i + 0.5) / COUNT) * 60 * 86_400),
    client_reference_id: `order-${i}`,
    status: 'complete',
  }));
}

/** The sessions list (strict store), 20 ms a page; counts requests asked before any answer. */
function serve(sessions: ReturnType<typeof account>) {
  const store = new SessionStore(sessions);
  const early = { asked: 0, answered: false, pages: 0 };
  nock(STRIPE_API)
    .persist()
    .get('/v1/checkout/sessions')
    .query(true)
    .reply((uri, _body, callback) => {
      early.pages += 1;
      if (!early.answered) early.asked += 1;
      setTimeout(() => {
        early.answered = true;
        const { status, body } = store.answer(
          Object.fromEntries(new URL(uri, STRIPE_API).searchParams),
        );
        callback(null, [status, body]);
      }, 20);
    });
  nock(STRIPE_API)
    .persist()
    .get(/^\/v1\/checkout\/sessions\/cs_test_p\d+$/)
    .query(true)
    .reply((uri) => [200, { ...session, id: new URL(uri, STRIPE_API).pathname.split('/').pop() }]);
  return early;
}

const find = (ref: string, who = { user: 'user-1', auth: 'auth-1' }) =>
  runtime().run<Record<string, unknown>[]>(
    'searches.find_checkout_session.operation.perform',
    makeBundle({ inputData: { client_reference_id: ref } }),
    { identity: who },
  );

afterEach(() => nock.cleanAll());

describe('find_checkout_session plans from the last search of the same connection', () => {
  it('the first search waits for its first page; the next asks its first pages at once, and finds the same', async () => {
    const sessions = account();
    let early = serve(sessions);
    const first = await find('order-1800');
    expect(first[0]).toMatchObject({ id: sessions[1800].id, search_newest_certain: true });
    expect(early.asked).toBe(1);
    const stored = runtime().cache.calls.filter(
      (c) => c.method === 'set' && c.key.startsWith('find-density:'),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      key: 'find-density:test:complete:',
      scope: ['user', 'auth'],
    });

    nock.cleanAll();
    early = serve(sessions);
    const second = await find('order-1800');
    expect(second[0]).toMatchObject({ id: sessions[1800].id, search_newest_certain: true });
    expect(early.asked).toBeGreaterThan(5);
    expect(runtime().logs.some((l) => /planned from the last search/.test(l))).toBe(true);
  });

  it("another connection's measure is never used: its first search waits for its own first page", async () => {
    const sessions = account();
    let early = serve(sessions);
    await find('order-10', { user: 'user-2', auth: 'auth-2' });
    nock.cleanAll();
    early = serve(sessions);
    await find('order-10', { user: 'user-3', auth: 'auth-3' });
    expect(early.asked).toBe(1);
  });

  it('a cache that refuses writes (its rate limit) costs nothing: the search answers as before', async () => {
    runtime().cache.refuseWrites = true;
    try {
      const sessions = account();
      serve(sessions);
      const out = await find('order-42', { user: 'user-4', auth: 'auth-4' });
      expect(out[0]).toMatchObject({ id: sessions[42].id, search_newest_certain: true });
    } finally {
      runtime().cache.refuseWrites = false;
    }
  });

  it('with a Payment Link or a customer email, no measure is read or kept (those lists are far sparser)', async () => {
    const calls = runtime().cache.calls.length;
    const sessions = account().map((s) => ({
      ...s,
      customer_details: { ...s.customer_details, email: 'jenny@example.com' },
    }));
    serve(sessions);
    await runtime().run(
      'searches.find_checkout_session.operation.perform',
      makeBundle({ inputData: { customer_email: 'jenny@example.com' } }),
      { identity: { user: 'user-5', auth: 'auth-5' } },
    );
    expect(
      runtime()
        .cache.calls.slice(calls)
        .filter((c) => c.key.startsWith('find-density:')),
    ).toEqual([]);
  });
});
