import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import { STRIPE_API, operationRunner, refusedBeforeSending } from '../helpers';
import { DAY, integerFilters, serveSessionList, sessionAccount } from '../session-account';
import link from '../fixtures/links/payment_link.json';
import { listPaymentLinks, retrievePaymentLinks } from '../links-helpers';

// Each test is another account: a fresh connection (its cache holds no pace measured elsewhere).
const run = operationRunner('searches', 'find_checkout_session', true);
const NOW = Math.floor(Date.now() / 1000);

type Listed = {
  id: string;
  created: number;
  client_reference_id: string | null;
  payment_link: string | null;
  status: string;
};
function accountSessions(count: number, spanDays: number): Listed[] {
  return Array.from({ length: count }, (_, i) => ({
    ...session,
    line_items: undefined,
    id: `cs_test_a${String(i).padStart(10, '0')}`,
    created: NOW - Math.floor(((i + 0.5) / count) * spanDays * 86_400),
    client_reference_id: `order-${i}`,
    payment_link: i % 2 ? 'plink_1QxSpringSale' : 'plink_1QxOtherLink00',
    status: i % 5 === 0 ? 'expired' : 'complete',
  }));
}

function serveRetrieve(id: string) {
  return nock(STRIPE_API)
    .get(`/v1/checkout/sessions/${id}`)
    .query({
      'expand[0]': 'line_items.data.price.product',
      'expand[1]': 'payment_link',
      'expand[2]': 'payment_intent.latest_charge.balance_transaction',
    })
    .reply(200, { ...session, id });
}

describe('find_checkout_session', () => {
  it('finds the session by client_reference_id and returns the flat order with line items', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(1200, 60);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[901].id);
    const out = (await run({ client_reference_id: 'order-901' })) as Record<string, unknown>[];
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      id: sessions[901].id,
      line_items: expect.any(Array),
      search_newest_certain: true,
    });
    expect(out[0].search_sessions_checked).toBeGreaterThan(0);
    // Server-side filters: completed only, 100 a page.
    expect(queries.every((q) => q.status === 'complete' && q.limit === '100')).toBe(true);
  });

  it('narrows the scan to one payment link when given, once the link is found in the account', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(400, 30);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[301].id);
    const { calls } = retrievePaymentLinks([link]);
    const out = (await run({
      client_reference_id: 'order-301',
      payment_link: 'plink_1QxSpringSale',
    })) as object[];
    expect(out).toHaveLength(1);
    expect(calls).toEqual(['plink_1QxSpringSale']);
    expect(queries.every((q) => q.payment_link === 'plink_1QxSpringSale')).toBe(true);
  });

  it('takes a pasted link URL too: the scan narrows to its id', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(400, 30);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[301].id);
    listPaymentLinks({ active: [link] });
    const out = (await run({
      client_reference_id: 'order-301',
      payment_link: link.url,
    })) as object[];
    expect(out).toHaveLength(1);
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q.payment_link === 'plink_1QxSpringSale')).toBe(true);
  });

  it('a link this account does not have is not "no such order": the one not-found answer, no session read', async () => {
    const queries: Record<string, string>[] = [];
    serveSessionList(accountSessions(50, 30), queries);
    retrievePaymentLinks([]);
    const { err } = await refusedBeforeSending(() =>
      run({ client_reference_id: 'order-1', payment_link: 'plink_1QxOtherAccount' }),
    );
    expect(err).toMatchObject({ name: 'AppError', code: 'payment_link_not_found' });
    expect(err.message).toMatch(
      /^Payment Link plink_1QxOtherAccount is not in the Stripe account this Zap is connected to\. Check test vs live mode/,
    );
    expect(queries).toEqual([]);
  });

  it('status "any" also finds an expired session', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(300, 30);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[10].id);
    const out = (await run({ client_reference_id: 'order-10', status: 'any' })) as object[];
    expect(out).toHaveLength(1);
    expect(queries.every((q) => q.status === undefined)).toBe(true);
  });

  it('a completed scan with no match returns no result (Zapier shows "not found")', async () => {
    const queries: Record<string, string>[] = [];
    serveSessionList(accountSessions(500, 60), queries);
    expect(await run({ client_reference_id: 'order-does-not-exist' })).toEqual([]);
    // 400 of the 500 are complete: at least four pages of 100 were read.
    expect(queries.length).toBeGreaterThanOrEqual(4);
  });

  it('with no created_after, finds an order years old: it looks back to the first session', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(600, 3 * 365);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[598].id);
    const out = (await run({ client_reference_id: 'order-598' })) as Record<string, unknown>[];
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: sessions[598].id, search_newest_certain: true });
    // The first page asks for everything since Stripe began (2011).
    expect(queries[0]['created[gte]']).toBe(String(Date.UTC(2011, 0, 1) / 1000));
  });

  it('created_after limits how far back it looks (an older session is not found)', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(200, 60);
    serveSessionList(sessions, queries);
    const after = new Date((NOW - 10 * 86_400) * 1000).toISOString();
    expect(await run({ client_reference_id: 'order-190', created_after: after })).toEqual([]);
    expect(Math.min(...queries.map((q) => Number(q['created[gte]'])))).toBe(NOW - 10 * 86_400);
  });

  it('a page answered 429 is retried and the search still completes', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(150, 30);
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .reply(429, {
        error: {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message: 'Too many requests hit the API too quickly.',
        },
      });
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[149].id);
    const out = (await run({ client_reference_id: 'order-149' })) as object[];
    expect(out).toHaveLength(1);
  });

  it.each([1_500, 20_000, 50_000])(
    'in an account of %s sessions, finds the newest of two sessions carrying the reference, in a second crowded past a page',
    async (count) => {
      // A flash sale ~1,000 sessions deep (600 in the smallest account).
      const crowdAt = NOW - Math.floor(365 * DAY * Math.min(1_000 / count, 0.4));
      const sessions = sessionAccount(count, 365, NOW, { crowd: 150, crowdAt });
      const complete = [...sessions]
        .filter((s) => s.status === 'complete')
        .sort((a, b) => b.created - a.created);
      // The newer one in the crowded second (hundreds of sessions deep), an older one further on.
      const crowdStart = complete.findIndex((s) => s.created === crowdAt);
      const newer = complete[crowdStart + 110];
      const older = complete[Math.min(complete.length - 1, crowdStart + 400)];
      newer.client_reference_id = older.client_reference_id = 'order-wanted';
      const { queries } = serveSessionList(sessions);
      serveRetrieve(newer.id);
      const out = (await run({ client_reference_id: 'order-wanted' })) as Record<string, unknown>[];
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ id: newer.id, search_newest_certain: true });
      expect(integerFilters(queries)).toBe(true);
      // The scan split the time into several windows.
      expect(new Set(queries.map((q) => q['created[lt]'])).size).toBeGreaterThan(1);
    },
  );

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an empty reference', { client_reference_id: '  ' }, /Client Reference ID is empty/],
    [
      '201 characters',
      { client_reference_id: 'x'.repeat(201) },
      /Client Reference ID is 201 characters; Stripe stores at most 200/,
    ],
    [
      '201 characters counting an emoji as one',
      { client_reference_id: '🎉' + 'x'.repeat(200) },
      /is 201 characters/,
    ],
    [
      'a payment link without https',
      { client_reference_id: 'order-1', payment_link: 'buy.stripe.com/x' },
      /^Payment Link must be the link itself \(https:\/\/buy\.stripe\.com\/…\) or its ID \(plink_…\)/,
    ],
    [
      'a product id as payment link',
      { client_reference_id: 'order-1', payment_link: 'prod_QxArtPrint' },
      /^Payment Link must be the link itself/,
    ],
    [
      'a bad status',
      { client_reference_id: 'order-1', status: 'paid' },
      /Status must be "complete" or "any"; got "paid"/,
    ],
    [
      'a date that is not one',
      { client_reference_id: 'order-1', created_after: 'last tuesday-ish' },
      /Created After "last tuesday-ish" is not a date/,
    ],
    [
      'a future date',
      { client_reference_id: 'order-1', created_after: '2999-01-01' },
      /is in the future/,
    ],
  ])('refuses %s and sends nothing', async (_name, inputData, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(inputData));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it.each([
    ['a space', 'order 1042', /contains a space \(position 6\)/],
    ['an email', 'ana@example.com', /contains "@" \(position 4\)/],
    ['unicode', 'commande-n°7', /contains "°" \(U\+00B0\) \(position 11\)/],
    ['200 characters of anything', '#'.repeat(200), /contains "#" \(position 1\)/],
  ])(
    'finds a reference with %s (set through the API) and warns that a Payment Link URL drops it',
    async (_name, ref, warning) => {
      const queries: Record<string, string>[] = [];
      const sessions = accountSessions(300, 30);
      sessions[121].client_reference_id = ref;
      serveSessionList(sessions, queries);
      serveRetrieve(sessions[121].id);
      const out = (await run({ client_reference_id: ref })) as Record<string, unknown>[];
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({
        id: sessions[121].id,
        search_warning: expect.stringMatching(warning),
      });
      expect(out[0].search_warning).toMatch(/only a session created through the API can carry it/);
    },
  );

  it('a reference a Payment Link can carry gets an empty search_warning', async () => {
    const queries: Record<string, string>[] = [];
    const sessions = accountSessions(100, 30);
    serveSessionList(sessions, queries);
    serveRetrieve(sessions[6].id);
    const [out] = (await run({ client_reference_id: 'order-6' })) as Record<string, unknown>[];
    expect(out.search_warning).toBe('');
  });

  it('a Stripe auth failure during the scan asks to reconnect', async () => {
    nock(STRIPE_API)
      .persist()
      .get('/v1/checkout/sessions')
      .query(true)
      .reply(401, {
        error: {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided: sk_test_****0000',
        },
      });
    const { err } = await refusedBeforeSending(() => run({ client_reference_id: 'order-1' }));
    expect(err.name).toBe('ExpiredAuthError');
  });
});
