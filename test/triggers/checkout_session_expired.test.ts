import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import link from '../fixtures/links/payment_link.json';
import { makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';
import { eventOf } from './stripe-hook-helpers';
import { turnOnZap } from './zaps';

const runtime = useRuntime();
let n = 0;
/** An expired Payment Link session as Stripe sends it: no name or address, the email when kept. */
const expiredSession = (over: Record<string, unknown> = {}) => ({
  ...session,
  line_items: undefined,
  id: `cs_test_expired${(n += 1)}`,
  status: 'expired',
  payment_status: 'unpaid',
  payment_intent: null,
  customer: null,
  customer_details: {
    address: null,
    business_name: null,
    email: 'ada@example.com',
    individual_name: null,
    name: null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: null,
  },
  consent: { promotions: 'opt_in', terms_of_service: null },
  ...over,
});
const event = (s: object, type = 'checkout.session.expired') =>
  eventOf(type, s, `evt_1QxExp${(n += 1)}`);

/** The one session read: line items, link (its URL) and charge expanded. */
function sessionRead(s: { id: string }, times = 1, account?: string) {
  return nock(STRIPE_API, account ? { reqheaders: { 'stripe-account': account } } : {})
    .get(`/v1/checkout/sessions/${s.id}`)
    .query({
      'expand[0]': 'line_items.data.price.product',
      'expand[1]': 'payment_link',
      'expand[2]': 'payment_intent.latest_charge.balance_transaction',
    })
    .times(times)
    .reply(200, { ...s, payment_link: link, line_items: session.line_items });
}

describe('checkout_session_expired', () => {
  it('fires once per Zap with the cart, the email and a recovery URL, from one session read', async () => {
    const a = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-a' });
    const b = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-b' });
    const s = expiredSession();
    const read = sessionRead(s, 2);
    const expired = event(s);
    expect(await a.deliver(expired)).toEqual([
      expect.objectContaining({
        id: s.id,
        status: 'expired',
        customer_email: 'ada@example.com',
        client_reference_id: 'order-1042',
        line_items_count: 2,
        line_items_summary: '2 × Art print (A4), 1 × Gift wrap',
        promotions_consent: 'opt_in',
        expired_at: new Date(session.expires_at * 1000).toISOString(),
        recovery_url:
          'https://buy.stripe.com/test_9AQ5kQ?client_reference_id=order-1042&prefilled_email=ada%40example.com',
      }),
    ]);
    expect(await b.deliver(expired)).toHaveLength(1);
    expect(await a.deliver(expired)).toEqual([]);
    expect(read.isDone()).toBe(true);
  });

  it('takes the email Stripe was given up front (customer_email) when the form kept none', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-1' });
    const s = expiredSession({
      customer_email: 'grace@example.com',
      customer_details: null,
      consent: null,
    });
    sessionRead(s);
    const [out] = await zap.deliver(event(s));
    expect(out).toMatchObject({ customer_email: 'grace@example.com', promotions_consent: null });
    expect(out.recovery_url).toBe(
      'https://buy.stripe.com/test_9AQ5kQ?client_reference_id=order-1042&prefilled_email=grace%40example.com',
    );
  });

  it('without an email or a reference, the recovery URL is the plain link; a bad value is left out', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-1' });
    const none = expiredSession({ customer_details: null, client_reference_id: null });
    const bad = expiredSession({
      customer_details: null,
      customer_email: 'not an address',
      client_reference_id: 'order 1042',
    });
    sessionRead(none);
    sessionRead(bad);
    expect((await zap.deliver(event(none)))[0]).toMatchObject({
      customer_email: null,
      recovery_url: 'https://buy.stripe.com/test_9AQ5kQ',
    });
    expect((await zap.deliver(event(bad)))[0].recovery_url).toBe(
      'https://buy.stripe.com/test_9AQ5kQ',
    );
  });

  it('a failed session read still fires, without items and without a recovery URL', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-1' });
    const s = expiredSession();
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${s.id}`)
      .query(true)
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'Something went wrong' } });
    const [out] = await zap.deliver(event(s));
    expect(out).toMatchObject({
      id: s.id,
      customer_email: 'ada@example.com',
      line_items_status: 'unavailable',
      recovery_url: null,
    });
  });

  it('does not fire for sessions outside Payment Links, other links or other events; calls nothing', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_expired', {
      zapId: 'zap-1',
      inputData: { payment_links: ['plink_1QxSpringSale'] },
    });
    const all = await turnOnZap(runtime(), 'checkout_session_expired', { zapId: 'zap-2' });
    const unmatched = recordUnmatched();
    expect(await all.deliver(event(expiredSession({ payment_link: null })))).toEqual([]);
    for (const e of [
      event(expiredSession({ payment_link: null })),
      event(expiredSession({ payment_link: 'plink_1QxOther' })),
      event(expiredSession(), 'checkout.session.completed'),
    ])
      expect(await zap.deliver(e)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('Connect: a Connect endpoint on the platform, the session read on the connected account', async () => {
    const account = 'acct_1ConnectedShop';
    let form = new URLSearchParams();
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints', (body) => ((form = new URLSearchParams(body)), true))
      .reply(200, { id: 'we_1Expired', object: 'webhook_endpoint', secret: 'whsec_expired' });
    const subscribeData = await runtime().run<{ id: string; secret: string; connect?: boolean }>(
      'triggers.checkout_session_expired.operation.performSubscribe',
      makeBundle({
        authData: { stripe_account: account },
        targetUrl: 'https://hooks.zapier.com/x',
      }),
    );
    expect(form.get('enabled_events[0]')).toBe('checkout.session.expired');
    expect(form.get('enabled_events[1]')).toBeNull();
    expect(form.get('connect')).toBe('true');
    expect(subscribeData.connect).toBe(true);

    const zap = await turnOnZap(runtime(), 'checkout_session_expired', {
      zapId: 'zap-connect',
      authData: { stripe_account: account },
    });
    const s = expiredSession();
    const read = sessionRead(s, 1, account);
    const [out] = await zap.deliver(
      eventOf('checkout.session.expired', s, 'evt_1QxExpConn', { account }),
    );
    expect(read.isDone()).toBe(true);
    expect(out.dashboard_url).toContain(`/${account}/`);
    expect(out.recovery_url).toMatch(/^https:\/\/buy\.stripe\.com\/test_9AQ5kQ\?/);
    // The same event for the platform's own account does not fire on this connection.
    expect(await zap.deliver(eventOf('checkout.session.expired', s, 'evt_1QxExpPlat'))).toEqual([]);
  });

  it('samples the newest expired Payment Link sessions from Stripe, in one list call', async () => {
    const fromLink = expiredSession({ payment_link: link, line_items: session.line_items });
    const older = expiredSession({
      payment_link: link,
      line_items: session.line_items,
      created: session.created - 60,
    });
    const elsewhere = expiredSession({ payment_link: null, line_items: session.line_items });
    let query: Record<string, unknown> = {};
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query((q) => ((query = q), true))
      .reply(200, {
        object: 'list',
        data: [elsewhere, older, fromLink],
        has_more: false,
        url: '/v1/checkout/sessions',
      });
    const unmatched = recordUnmatched();
    const out = await runtime().run<{ id: string; recovery_url: string }[]>(
      'triggers.checkout_session_expired.operation.performList',
    );
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(query).toMatchObject({
      status: 'expired',
      limit: '100',
      'expand[0]': 'data.line_items',
      'expand[1]': 'data.payment_link',
      'expand[2]': 'data.payment_intent.latest_charge.balance_transaction',
    });
    expect(out.map((o) => o.id)).toEqual([fromLink.id, older.id]);
    expect(out[0].recovery_url).toContain('prefilled_email=ada%40example.com');
  });

  it('samples only the chosen links, one list call each', async () => {
    const queries: string[] = [];
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query((q) => (queries.push(String(q.payment_link)), true))
      .times(2)
      .reply(200, { object: 'list', data: [], has_more: false, url: '/v1/checkout/sessions' });
    await runtime().run(
      'triggers.checkout_session_expired.operation.performList',
      makeBundle({ inputData: { payment_links: ['plink_1QxSpringSale', 'plink_1QxOther'] } }),
    );
    expect(queries.sort()).toEqual(['plink_1QxOther', 'plink_1QxSpringSale']);
  });
});
