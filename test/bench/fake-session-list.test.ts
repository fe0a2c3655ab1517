import { SessionStore, StripeRefusal, checkListQuery } from '../../bench/fake-session-list';

const T = 1_790_000_000;
const store = new SessionStore(
  Array.from({ length: 30 }, (_, i) => ({
    id: `cs_test_${String(i).padStart(4, '0')}`,
    created: T - Math.floor(i / 3),
    status: i % 2 ? 'complete' : 'expired',
  })),
);

describe('SessionStore refuses what Stripe refuses on GET /v1/checkout/sessions', () => {
  it.each<[string, Record<string, string>, { code?: string; param: string; message: RegExp }]>([
    [
      'a fractional created[gte]',
      { 'created[gte]': '1795589699.05' },
      {
        code: 'parameter_invalid_integer',
        param: 'created[gte]',
        message: /^Invalid integer: 1795589699\.05$/,
      },
    ],
    [
      'a fractional created[lt]',
      { 'created[lt]': '1794773001.1499999' },
      { code: 'parameter_invalid_integer', param: 'created[lt]', message: /Invalid integer/ },
    ],
    [
      'an exponent in created[gt]',
      { 'created[gt]': '1e9' },
      { code: 'parameter_invalid_integer', param: 'created[gt]', message: /Invalid integer: 1e9/ },
    ],
    [
      'a trailing ".0" in created[lte]',
      { 'created[lte]': '1790000000.0' },
      { code: 'parameter_invalid_integer', param: 'created[lte]', message: /Invalid integer/ },
    ],
    [
      'a fractional created',
      { created: '1790000000.5' },
      { code: 'parameter_invalid_integer', param: 'created', message: /Invalid integer/ },
    ],
    [
      'a fractional limit',
      { limit: '10.5' },
      { code: 'parameter_invalid_integer', param: 'limit', message: /Invalid integer: 10\.5/ },
    ],
    [
      'a limit of 0',
      { limit: '0' },
      { code: 'parameter_invalid_integer', param: 'limit', message: /greater than or equal to 1/ },
    ],
    [
      'a limit of 101',
      { limit: '101' },
      { code: 'parameter_invalid_integer', param: 'limit', message: /less than or equal to 100/ },
    ],
    [
      'both cursors',
      { starting_after: 'cs_test_0001', ending_before: 'cs_test_0009' },
      { param: 'starting_after', message: /only specify one of these parameters/ },
    ],
    [
      'an undeclared parameter',
      { payment_links: 'plink_1' },
      { code: 'parameter_unknown', param: 'payment_links', message: /unknown parameter/ },
    ],
    [
      'an undeclared created operator',
      { 'created[from]': '1' },
      { code: 'parameter_unknown', param: 'created[from]', message: /unknown parameter/ },
    ],
  ])('refuses %s with a 400', (_name, query, expected) => {
    expect(checkListQuery(query)).toMatchObject({
      error: {
        type: 'invalid_request_error',
        ...(expected.code ? { code: expected.code } : {}),
        // Which of the two cursors Stripe names is not documented: the message says both.
        ...(expected.param === 'starting_after' ? {} : { param: expected.param }),
        message: expect.stringMatching(expected.message),
      },
    });
    expect(() => store.list(query)).toThrow(StripeRefusal);
    expect(store.answer(query)).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(expected.message) } },
    });
  });

  it.each<[string, Record<string, string>]>([
    ['integer created bounds', { 'created[gte]': '1789999990', 'created[lt]': '1790000001' }],
    ['a negative integer', { 'created[gt]': '-5' }],
    ['a plain created', { created: '1790000000' }],
    ['every declared filter', { status: 'complete', payment_link: 'plink_1', customer: 'cus_1' }],
    ['expansions', { 'expand[0]': 'data.payment_intent', 'customer_details[email]': 'a@b.co' }],
    ['limits 1 and 100', { limit: '1' }],
    ['limit 100', { limit: '100' }],
  ])('accepts %s', (_name, query) => {
    expect(checkListQuery(query)).toBeNull();
    expect(store.answer(query).status).toBe(200);
  });

  it('an unknown cursor is Stripe\'s 404 "No such checkout.session"', () => {
    expect(store.answer({ starting_after: 'cs_test_nope' })).toMatchObject({
      status: 404,
      body: { error: { code: 'resource_missing', param: 'starting_after' } },
    });
  });
});

describe('SessionStore lists like Stripe', () => {
  const ids = (q: Record<string, string>) => store.list(q).data.map((s) => s.id.slice(-4));

  it('newest first, created filters as integers: gt/lte are gte/lt one second on', () => {
    expect(ids({ 'created[gte]': String(T - 1), 'created[lt]': String(T), limit: '100' })).toEqual([
      '0005',
      '0004',
      '0003',
    ]);
    expect(ids({ 'created[gt]': String(T - 2), 'created[lte]': String(T - 1) })).toEqual(
      ids({ 'created[gte]': String(T - 1), 'created[lt]': String(T) }),
    );
  });

  it('pages one second holding more than a page by cursor, each session once', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = store.list({
        created: String(T - 4),
        limit: '2',
        ...(cursor ? { starting_after: cursor } : {}),
      });
      seen.push(...page.data.map((s) => s.id));
      if (!page.has_more) break;
      cursor = page.data[page.data.length - 1].id;
    }
    expect(seen.sort()).toEqual(['cs_test_0012', 'cs_test_0013', 'cs_test_0014']);
  });

  it('ending_before gives the page just newer than the cursor', () => {
    const all = store.list({ limit: '100' }).data.map((s) => s.id);
    const page = store.list({ ending_before: all[10], limit: '3' });
    expect(page.data.map((s) => s.id)).toEqual(all.slice(7, 10));
    expect(page.has_more).toBe(true);
  });
});
