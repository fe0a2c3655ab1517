import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import invoice from '../fixtures/triggers/invoice_paid.json';
import { countRequests, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { CONNECTION_SCOPE } from '../../lib/cache';
import { ONCE_TTL_SECONDS, ROLLED_SECRET_NOTICE } from '../../lib/webhooks/lifecycle';
import { useRuntime } from '../runtime';
import { eventOf, sessionReadReply } from './stripe-hook-helpers';
import { stripeHasEvent, turnOnZap } from './zaps';

const runtime = useRuntime();
const { line_items: lineItems, ...webhookSession } = session;
let n = 0;
const newEventId = () => `evt_1QxRt${(n += 1)}${Date.now()}`;
const newSession = (over: Record<string, unknown> = {}) => ({
  ...webhookSession,
  id: `cs_test_rt${Date.now()}${(n += 1)}`,
  ...over,
});
const completed = (s: object, extra: { account?: string } = {}) =>
  eventOf('checkout.session.completed', s, newEventId(), extra);
const alice = { user: 'user-alice', auth: 'auth-alice' };
const bob = { user: 'user-bob', auth: 'auth-bob' };

describe('every Zap fires, once', () => {
  it('two Zaps on one connection each fire once for the same order; re-deliveries fire 0', async () => {
    const sheets = await turnOnZap(runtime(), 'checkout_session_completed', {
      zapId: 'zap-sheets',
    });
    const email = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-email' });
    expect(sheets.subscribeData.id).not.toBe(email.subscribeData.id);
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s, 2);
    expect(await sheets.deliver(event)).toHaveLength(1);
    expect(await email.deliver(event)).toHaveLength(1);
    expect(await sheets.deliver(event)).toEqual([]);
    expect(await email.deliver(event)).toEqual([]);
  });

  it('invoice_paid: two Zaps each fire once; a re-delivery fires 0', async () => {
    const a = await turnOnZap(runtime(), 'invoice_paid', { zapId: 'zap-a' });
    const b = await turnOnZap(runtime(), 'invoice_paid', { zapId: 'zap-b' });
    const event = eventOf('invoice.paid', invoice, newEventId());
    expect(await a.deliver(event)).toHaveLength(1);
    expect(await b.deliver(event)).toHaveLength(1);
    expect(await a.deliver(event)).toEqual([]);
    expect(await b.deliver(event)).toEqual([]);
  });

  it('a replay does not spend a Stripe call', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    const calls = countRequests(sessionReadReply(s));
    expect(await zap.deliver(event)).toHaveLength(1);
    const unmatched = recordUnmatched();
    expect(await zap.deliver(event)).toEqual([]);
    unmatched.stop();
    expect([calls(), unmatched.urls]).toEqual([1, []]);
  });

  it(`remembers a fired order ${ONCE_TTL_SECONDS / 86400} days (Stripe's retry window; after it nothing of that event fires: hooks-window.test.ts)`, async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s, 2);
    expect(await zap.deliver(event)).toHaveLength(1);
    const claim = runtime().cache.calls.find((c) => c.method === 'set' && c.nx);
    expect(claim).toMatchObject({ ttl: 3 * 24 * 3600, scope: CONNECTION_SCOPE });
    runtime().cache.advance(ONCE_TTL_SECONDS - 60);
    expect(await zap.deliver(event)).toEqual([]);
  });
});

describe('customers never share state', () => {
  it('two merchants with the same session and event ids both fire', async () => {
    const aliceZap = await turnOnZap(runtime(), 'checkout_session_completed', {
      zapId: 'zap-1',
      identity: alice,
    });
    const bobZap = await turnOnZap(runtime(), 'checkout_session_completed', {
      zapId: 'zap-1',
      identity: bob,
    });
    // Same endpoint id on both sides: only the scope keeps them apart.
    Object.assign(bobZap.subscribeData, { id: aliceZap.subscribeData.id });
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s, 2);
    expect(await aliceZap.deliver(event)).toHaveLength(1);
    expect(await bobZap.deliver(event)).toHaveLength(1);
  });

  it('every cache call of a delivery is scoped to the user and the connection', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    sessionReadReply(s);
    expect(await zap.deliver(completed(s))).toHaveLength(1);
    expect(runtime().cache.calls.length).toBeGreaterThan(0);
    expect(runtime().cache.calls.every((c) => c.scope?.join() === 'user,auth')).toBe(true);
  });
});

describe('never drop on doubt', () => {
  it('fires when the cache refuses the claim (rate limit), and logs it', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    runtime().cache.refuseWrites = true;
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s, 2);
    expect(await zap.deliver(event)).toHaveLength(1);
    expect(runtime().logs.join('\n')).toMatch(/could not record order:cs_test_\w+ as fired/);
    // Nothing was recorded, so a re-delivery fires again: twice, never zero.
    expect(await zap.deliver(event)).toHaveLength(1);
  });

  it('only a key that is really there stops a delivery', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s);
    expect(await zap.deliver(event)).toHaveLength(1);
    runtime().cache.refuseWrites = true;
    expect(await zap.deliver(event)).toEqual([]);
  });
});

describe('delayed runs are not replays', () => {
  it('a genuine delivery run 20 minutes late is confirmed with Stripe and fires', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    const confirm = stripeHasEvent(event.id, event);
    sessionReadReply(s);
    expect(await zap.deliver(event, { lateBySeconds: 20 * 60 })).toHaveLength(1);
    expect(confirm.isDone()).toBe(true);
  });

  it('a late delivery Stripe has never sent is rejected as a replay', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const event = completed(newSession());
    stripeHasEvent(event.id, null);
    const unmatched = recordUnmatched();
    expect(await zap.deliver(event, { lateBySeconds: 3600 })).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(runtime().logs.join('\n')).toMatch(/has no such event/);
  });

  it('a late delivery whose event Stripe knows as something else is rejected', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const event = completed(newSession());
    stripeHasEvent(event.id, { ...event, data: { object: newSession() } });
    expect(await zap.deliver(event, { lateBySeconds: 3600 })).toEqual([]);
    expect(runtime().logs.join('\n')).toMatch(/holds a different event/);
  });

  it('a late delivery fires when Stripe cannot be asked (signature valid: twice beats never)', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_paid', { zapId: 'zap-1' });
    const event = eventOf('invoice.paid', invoice, newEventId());
    nock(STRIPE_API)
      .get(`/v1/events/${event.id}`)
      .times(2)
      .reply(500, {
        error: { type: 'api_error', message: 'An unknown error occurred' },
      });
    expect(await zap.deliver(event, { lateBySeconds: 900 })).toHaveLength(1);
  });
});

describe('a failed lookup never loses the order', () => {
  it('fires from the event’s own data when the line items answer 500 (after the retry)', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const failing = nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${s.id}`)
      .query(true)
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    const out = await zap.deliver(completed(s));
    expect(failing.isDone()).toBe(true);
    expect(out).toEqual([
      expect.objectContaining({
        id: s.id,
        amount_total_decimal: '48.60',
        customer_email: 'ada@example.com',
        line_items: [],
        line_items_status: 'unavailable',
        line_items_message: expect.stringMatching(
          /could not be read from Stripe \(Stripe answered 500\)/,
        ),
      }),
    ]);
  });

  it('fires with a reconnect hint when the key was revoked meanwhile', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${s.id}`)
      .query(true)
      .reply(401, {
        error: {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided: sk_test_****0000',
        },
      });
    const [order] = await zap.deliver(completed(s));
    expect(order.line_items_message).toMatch(/reconnect with a new key/);
    expect(JSON.stringify(order)).not.toContain('sk_test_');
  });
});

describe('a rolled signing secret is noticed; forged requests are not', () => {
  it('a genuine event signed with a new secret fires from Stripe’s copy, with a notice', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    stripeHasEvent(event.id, event);
    sessionReadReply(s);
    const out = await zap.deliver(event, { secret: 'whsec_rolled_in_the_dashboard' });
    expect(out).toEqual([
      expect.objectContaining({ id: s.id, webhook_notice: ROLLED_SECRET_NOTICE }),
    ]);
  });

  it('fires Stripe’s version, not the forged body, when they differ', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const genuine = completed(s);
    const forged = { ...genuine, data: { object: { ...s, amount_total: 1 } } };
    stripeHasEvent(genuine.id, genuine);
    sessionReadReply(s);
    const [order] = await zap.deliver(forged, { secret: 'whsec_attacker' });
    expect(order.amount_total).toBe(4860);
  });

  it('a forged delivery fires nothing, and neither does the next one (each id asked once)', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    for (const forged of [completed(newSession()), completed(newSession())]) {
      const asked = stripeHasEvent(forged.id, null);
      expect(await zap.deliver(forged, { secret: 'whsec_attacker' })).toEqual([]);
      expect(asked.isDone()).toBe(true);
    }
  });

  it.each([
    ['no signature header', { header: null }],
    ['a malformed header', { header: 'garbage' }],
  ])('%s: nothing fires and nothing is sent to Stripe', async (_name, options) => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const unmatched = recordUnmatched();
    expect(await zap.deliver(completed(newSession()), options)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });
});

describe('Connect', () => {
  const connected = { stripe_account: 'acct_1ConnectedShop' };

  it('subscribes a Connect endpoint on the platform, without a Stripe-Account header', async () => {
    let form = new URLSearchParams();
    nock(STRIPE_API, { badheaders: ['stripe-account'] })
      .post('/v1/webhook_endpoints', (body) => ((form = new URLSearchParams(body)), true))
      .reply(200, { id: 'we_1Connect', object: 'webhook_endpoint', secret: 'whsec_connect' });
    const out = await runtime().run('triggers.invoice_paid.operation.performSubscribe', {
      ...makeBundle({
        authData: connected,
        targetUrl: 'https://hooks.zapier.com/x',
      }),
    });
    expect(out).toEqual({ id: 'we_1Connect', secret: 'whsec_connect', connect: true });
    expect(form.get('connect')).toBe('true');
  });

  it('unsubscribes on the platform too', async () => {
    const scope = nock(STRIPE_API, { badheaders: ['stripe-account'] })
      .delete('/v1/webhook_endpoints/we_1Connect')
      .reply(200, { id: 'we_1Connect', deleted: true });
    await runtime().run(
      'triggers.checkout_session_completed.operation.performUnsubscribe',
      makeBundle({
        authData: connected,
        subscribeData: { id: 'we_1Connect', secret: 'whsec_connect', connect: true } as {
          id: string;
        },
      }),
    );
    expect(scope.isDone()).toBe(true);
  });

  it('fires only for the connection’s own account, reading line items on that account', async () => {
    nock(STRIPE_API).post('/v1/webhook_endpoints').reply(200, { id: 'we_1C', secret: 'whsec_c' });
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', {
      zapId: 'zap-1',
      authData: connected,
    });
    const mine = newSession();
    nock(STRIPE_API, { reqheaders: { 'stripe-account': 'acct_1ConnectedShop' } })
      .get(`/v1/checkout/sessions/${mine.id}`)
      .query(true)
      .reply(200, { ...mine, line_items: lineItems });
    expect(await zap.deliver(completed(mine, { account: 'acct_1ConnectedShop' }))).toEqual([
      expect.objectContaining({ id: mine.id, line_items_status: 'complete', line_items_count: 2 }),
    ]);
    expect(await zap.deliver(completed(newSession(), { account: 'acct_1OtherShop' }))).toEqual([]);
    expect(await zap.deliver(completed(newSession()))).toEqual([]);
  });

  it.each([
    ['checkout_session_completed', '/v1/checkout/sessions'],
    ['invoice_paid', '/v1/invoices'],
  ])('%s: the sample is read on the connected account', async (key, path) => {
    const scope = nock(STRIPE_API, { reqheaders: { 'stripe-account': 'acct_1ConnectedShop' } })
      .get(path)
      .query(true)
      .reply(200, { object: 'list', data: [], has_more: false, url: path });
    await runtime().run(
      `triggers.${key}.operation.performList`,
      makeBundle({ authData: connected, meta: { limit: 3 } }),
    );
    expect(scope.isDone()).toBe(true);
  });

  it('without a connected account, events of connected accounts never fire', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_paid', { zapId: 'zap-1' });
    const event = eventOf('invoice.paid', invoice, newEventId(), { account: 'acct_1SomeoneElse' });
    expect(await zap.deliver(event)).toEqual([]);
  });
});

describe('only orders', () => {
  it('a setup session (no payment) does not fire and calls nothing', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const setup = newSession({
      mode: 'setup',
      payment_status: 'no_payment_required',
      amount_total: null,
      payment_intent: null,
      setup_intent: 'seti_1QxSetup',
    });
    const unmatched = recordUnmatched();
    expect(await zap.deliver(completed(setup))).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('a subscription’s first payment fires', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession({
      mode: 'subscription',
      subscription: 'sub_1QxFirst',
      invoice: 'in_1QxFirst',
    });
    sessionReadReply(s);
    expect(await zap.deliver(completed(s))).toEqual([
      expect.objectContaining({ mode: 'subscription', subscription: 'sub_1QxFirst' }),
    ]);
  });
});
