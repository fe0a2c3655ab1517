import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import refund from '../fixtures/triggers/refund.json';
import { recordUnmatched, STRIPE_API } from '../helpers';
import { LOOKUPS_PER_MINUTE, ONCE_TTL_SECONDS } from '../../lib/webhooks/lifecycle';
import { useRuntime } from '../runtime';
import { eventOf, sessionReadReply } from './stripe-hook-helpers';
import { stripeHasEvent, turnOnZap } from './zaps';

/**
 * Once across time: the window a delivery is accepted in and the life of a fired once-key are
 * one constant, lookups of unverified deliveries are bounded without dropping genuine ones, and
 * refund statuses never go backwards. The whole clock moves here: Zapier's cache and the clock
 * the hook reads (and signs deliveries by).
 */
const runtime = useRuntime();
const realNow = Date.now.bind(Date);
let offsetMs = 0;
beforeEach(() => {
  offsetMs = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
});
afterEach(() => jest.restoreAllMocks());
/** Time passes for everyone: the hook's clock, Stripe's signatures and Zapier's cache. */
function pass(seconds: number): void {
  offsetMs += seconds * 1000;
  runtime().cache.advance(seconds);
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

const { line_items: lineItems, ...webhookSession } = session;
void lineItems;
let n = 0;
const newSession = () => ({ ...webhookSession, id: `cs_test_win${realNow()}${(n += 1)}` });
const completed = (s: object, created = nowSeconds()) =>
  eventOf('checkout.session.completed', s, `evt_1QxWin${(n += 1)}${realNow()}`, { created });
const DAY = 24 * 60 * 60;

describe('one window: a fired order is remembered as long as any delivery of it may fire', () => {
  it(`a re-delivery after the once-key expired (${ONCE_TTL_SECONDS / DAY} days) fires nothing and asks nothing`, async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s);
    sessionReadReply(s);
    expect(await zap.deliver(event)).toHaveLength(1);
    pass(ONCE_TTL_SECONDS + 60);
    // Signed anew (as Stripe signs every retry): the signature is fresh, the event is not.
    const unmatched = recordUnmatched();
    expect(await zap.deliver(event)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(runtime().logs.join('\n')).toMatch(/created 3 days ago, longer than a fired event/);
  });

  it('a captured genuine delivery replayed 4 days later fires nothing, and Stripe is not asked', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const event = completed(newSession(), nowSeconds() - 4 * DAY);
    const unmatched = recordUnmatched();
    expect(await zap.deliver(event, { lateBySeconds: 4 * DAY })).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it("a bad signature naming a real event older than the window: Stripe's copy does not fire", async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const genuine = completed(s, nowSeconds() - 4 * DAY);
    // The forger claims it is new; Stripe's copy says when it was created.
    const forged = { ...genuine, created: nowSeconds() };
    const asked = stripeHasEvent(genuine.id, genuine);
    expect(await zap.deliver(forged, { secret: 'whsec_attacker' })).toEqual([]);
    expect(asked.isDone()).toBe(true);
    expect(runtime().logs.join('\n')).toMatch(/created 4 days ago/);
  });

  it('a genuine late delivery inside the window still fires (confirmed with Stripe)', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const s = newSession();
    const event = completed(s, nowSeconds() - 2 * DAY);
    stripeHasEvent(event.id, event);
    sessionReadReply(s);
    expect(await zap.deliver(event, { lateBySeconds: 2 * DAY })).toHaveLength(1);
  });
});

describe('lookups are bounded, genuine deliveries are never dropped', () => {
  it('a genuine delivery after a rolled secret fires even right after junk reached the hook', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const junk = completed(newSession());
    stripeHasEvent(junk.id, null);
    expect(await zap.deliver(junk, { secret: 'whsec_attacker' })).toEqual([]);
    pass(5);
    const s = newSession();
    const genuine = completed(s);
    stripeHasEvent(genuine.id, genuine);
    sessionReadReply(s);
    expect(await zap.deliver(genuine, { secret: 'whsec_rolled_in_the_dashboard' })).toHaveLength(1);
  });

  it('an event id Stripe said it never sent is not asked about again', async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    const junk = completed(newSession());
    stripeHasEvent(junk.id, null);
    expect(await zap.deliver(junk, { secret: 'whsec_attacker' })).toEqual([]);
    const unmatched = recordUnmatched();
    expect(await zap.deliver(junk, { secret: 'whsec_attacker' })).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it(`past ${LOOKUPS_PER_MINUTE} lookups a minute the run is retried later, not dropped; the next minute it is asked`, async () => {
    const zap = await turnOnZap(runtime(), 'checkout_session_completed', { zapId: 'zap-1' });
    pass(60 - (nowSeconds() % 60)); // all in one minute
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i += 1) {
      const junk = completed(newSession());
      stripeHasEvent(junk.id, null);
      expect(await zap.deliver(junk, { secret: 'whsec_attacker' })).toEqual([]);
    }
    const s = newSession();
    const genuine = completed(s);
    await expect(
      zap.deliver(genuine, { secret: 'whsec_rolled_in_the_dashboard' }),
    ).rejects.toMatchObject({ name: 'ThrottledError' });
    pass(60);
    stripeHasEvent(genuine.id, genuine);
    sessionReadReply(s);
    expect(await zap.deliver(genuine, { secret: 'whsec_rolled_in_the_dashboard' })).toHaveLength(1);
  });
});

describe('refund statuses never go backwards', () => {
  const orders = (times: number) =>
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .times(times)
      .reply(200, {
        object: 'list',
        data: [session],
        has_more: false,
        url: '/v1/checkout/sessions',
      });
  const update = (status: string, created: number) =>
    eventOf('refund.updated', { ...refund, status }, `evt_1QxRefWin${(n += 1)}`, { created });

  it('pending delivered after succeeded does not fire', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orders(1);
    const t = nowSeconds();
    expect(await zap.deliver(update('succeeded', t))).toHaveLength(1);
    expect(await zap.deliver(update('pending', t - 30))).toEqual([]);
    expect(runtime().logs.join('\n')).toMatch(/older than a state already fired/);
  });

  it('in the same second, the status further along wins', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orders(1);
    const t = nowSeconds();
    expect(await zap.deliver(update('succeeded', t))).toHaveLength(1);
    expect(await zap.deliver(update('pending', t))).toEqual([]);
  });

  it('in order, every status fires', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orders(3);
    const t = nowSeconds();
    expect(await zap.deliver(update('pending', t - 60))).toHaveLength(1);
    expect(await zap.deliver(update('succeeded', t - 30))).toHaveLength(1);
    expect(await zap.deliver(update('failed', t))).toHaveLength(1);
  });
});
