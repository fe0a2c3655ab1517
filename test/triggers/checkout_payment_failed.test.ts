import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import { makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';
import { eventOf, sessionReadReply } from './stripe-hook-helpers';
import { turnOnZap } from './zaps';

const runtime = useRuntime();
let n = 0;
const failedSession = (over: Record<string, unknown> = {}) => ({
  ...session,
  line_items: undefined,
  id: `cs_test_failed${(n += 1)}`,
  payment_status: 'unpaid',
  ...over,
});
const event = (type: string, s: object) => eventOf(type, s, `evt_1QxFail${(n += 1)}`);

describe('checkout_payment_failed', () => {
  it('fires the order record once per Zap when a delayed payment fails', async () => {
    const a = await turnOnZap(runtime(), 'checkout_payment_failed', { zapId: 'zap-a' });
    const b = await turnOnZap(runtime(), 'checkout_payment_failed', { zapId: 'zap-b' });
    const s = failedSession();
    sessionReadReply(s, 2);
    const failed = event('checkout.session.async_payment_failed', s);
    expect(await a.deliver(failed)).toEqual([
      expect.objectContaining({
        id: s.id,
        payment_status: 'unpaid',
        customer_email: 'ada@example.com',
        line_items_count: 2,
      }),
    ]);
    expect(await b.deliver(failed)).toHaveLength(1);
    expect(await a.deliver(failed)).toEqual([]);
  });

  it('does not fire for paid orders, other links or setup sessions, and calls nothing', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_payment_failed', {
      zapId: 'zap-1',
      inputData: { payment_links: ['plink_1QxSpringSale'] },
    });
    const unmatched = recordUnmatched();
    for (const e of [
      event('checkout.session.async_payment_succeeded', failedSession({ payment_status: 'paid' })),
      event(
        'checkout.session.async_payment_failed',
        failedSession({ payment_link: 'plink_1QxOther' }),
      ),
      event('checkout.session.async_payment_failed', failedSession({ mode: 'setup' })),
    ])
      expect(await zap.deliver(e)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('subscribes to the failure event only', async () => {
    let form = new URLSearchParams();
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints', (body) => ((form = new URLSearchParams(body)), true))
      .reply(200, { id: 'we_1Failed', secret: 'whsec_failed' });
    await runtime().run(
      'triggers.checkout_payment_failed.operation.performSubscribe',
      makeBundle({ targetUrl: 'https://hooks.zapier.com/x' }),
    );
    expect(form.get('enabled_events[0]')).toBe('checkout.session.async_payment_failed');
    expect(form.get('enabled_events[1]')).toBeNull();
  });

  it('samples recent failures from the Events list', async () => {
    const s = failedSession();
    nock(STRIPE_API)
      .get('/v1/events')
      .query({ 'types[0]': 'checkout.session.async_payment_failed', limit: 100 })
      .reply(200, {
        object: 'list',
        data: [event('checkout.session.async_payment_failed', s)],
        has_more: false,
        url: '/v1/events',
      });
    sessionReadReply(s);
    const out = await runtime().run<{ id: string }[]>(
      'triggers.checkout_payment_failed.operation.performList',
    );
    expect(out.map((o) => o.id)).toEqual([s.id]);
  });
  it('samples at most 10 failures, reading only those', async () => {
    const sessions = Array.from({ length: 12 }, () => failedSession());
    nock(STRIPE_API)
      .get('/v1/events')
      .query(true)
      .reply(200, {
        object: 'list',
        data: sessions.map((s) => event('checkout.session.async_payment_failed', s)),
        has_more: false,
        url: '/v1/events',
      });
    const reads = sessions.slice(0, 10).map((s) => sessionReadReply(s));
    const out = await runtime().run<{ id: string }[]>(
      'triggers.checkout_payment_failed.operation.performList',
    );
    expect(out.map((o) => o.id)).toEqual(sessions.slice(0, 10).map((s) => s.id));
    expect(reads.every((r) => r.isDone())).toBe(true);
  });
});
