import nock from 'nock';
import App from '../../index';
import session from '../fixtures/foundation/checkout_session.json';
import refund from '../fixtures/triggers/refund.json';
import { countRequests, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { addBusinessDays } from '../../lib/stripe/refund-record';
import { useRuntime } from '../runtime';
import { eventOf, sampleKeys } from './stripe-hook-helpers';
import { turnOnZap } from './zaps';

const runtime = useRuntime();
let n = 0;
const refundEvent = (type: string, over: Record<string, unknown> = {}, account?: string) =>
  eventOf(type, { ...refund, ...over }, `evt_1QxRef${(n += 1)}`, account ? { account } : {});
const orderOf = (paymentIntent = 'pi_3QxLumenPaid01', data: object[] = [session], times = 1) =>
  nock(STRIPE_API)
    .get('/v1/checkout/sessions')
    .query({ payment_intent: paymentIntent, limit: 1 })
    .times(times)
    .reply(200, { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });

describe('refund_updated', () => {
  it('fires with the refund, its order and when the customer sees it, for one Stripe call', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    const calls = countRequests(orderOf());
    const [record] = await zap.deliver(refundEvent('refund.updated'));
    expect(record).toMatchObject({
      id: 're_3QxLumenRefund01',
      event: 'updated',
      status: 'succeeded',
      amount: 1500,
      amount_decimal: '15.00',
      currency: 'usd',
      reason: 'requested_by_customer',
      payment_intent: 'pi_3QxLumenPaid01',
      checkout_session: session.id,
      client_reference_id: session.client_reference_id,
      customer_email: 'ada@example.com',
      acquirer_reference: '74829501234567890123456',
      statement_expected_by: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      statement_note: expect.stringMatching(/5–10 business days/),
      order_lookup_message: null,
      dashboard_url: 'https://dashboard.stripe.com/test/payments/pi_3QxLumenPaid01',
    });
    expect(calls()).toBe(1);
  });

  it('fires once per status: created (pending), succeeded; a metadata-only update does not fire', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orderOf('pi_3QxLumenPaid01', [session], 2);
    const pending = refundEvent('refund.created', {
      status: 'pending',
      pending_reason: 'processing',
      destination_details: { type: 'card', card: { type: 'pending' } },
    });
    expect(await zap.deliver(pending)).toEqual([
      expect.objectContaining({ event: 'created', status: 'pending', statement_expected_by: null }),
    ]);
    expect(await zap.deliver(pending)).toEqual([]);
    expect(await zap.deliver(refundEvent('refund.updated'))).toHaveLength(1);
    expect(await zap.deliver(refundEvent('refund.updated', { metadata: { note: 'x' } }))).toEqual(
      [],
    );
  });

  it('a failed refund says why and that the money never reaches the customer', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orderOf();
    const [record] = await zap.deliver(
      refundEvent('refund.failed', {
        status: 'failed',
        failure_reason: 'expired_or_canceled_card',
      }),
    );
    expect(record).toMatchObject({
      event: 'failed',
      failure_reason: 'expired_or_canceled_card',
      statement_note: expect.stringMatching(
        /^Never: the refund failed \(expired_or_canceled_card\)/,
      ),
    });
  });

  it('two Zaps on one connection both fire for the same refund', async () => {
    const a = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-a' });
    const b = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-b' });
    orderOf('pi_3QxLumenPaid01', [session], 2);
    const event = refundEvent('refund.updated');
    expect(await a.deliver(event)).toHaveLength(1);
    expect(await b.deliver(event)).toHaveLength(1);
  });

  it('still fires when the order lookup fails, saying why the order fields are empty', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    const [record] = await zap.deliver(refundEvent('refund.updated'));
    expect(record).toMatchObject({
      checkout_session: null,
      customer_email: null,
      order_lookup_message: 'The order could not be read (Stripe answered 500).',
    });
  });

  it('a refund of a payment made outside Checkout fires without an order', async () => {
    const zap = await turnOnZap(runtime(), 'refund_updated', { zapId: 'zap-1' });
    orderOf('pi_3QxLumenPaid01', []);
    const [record] = await zap.deliver(refundEvent('refund.updated'));
    expect(record.order_lookup_message).toMatch(/did not come through Stripe Checkout/);
  });

  it('on Connect, fires only for the connection’s account', async () => {
    nock(STRIPE_API).post('/v1/webhook_endpoints').reply(200, { id: 'we_1', secret: 'whsec_1' });
    const zap = await turnOnZap(runtime(), 'refund_updated', {
      zapId: 'zap-1',
      authData: { stripe_account: 'acct_1ConnectedShop' },
    });
    const unmatched = recordUnmatched();
    expect(await zap.deliver(refundEvent('refund.updated', {}, 'acct_1OtherShop'))).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('samples the newest refunds in the same shape', async () => {
    nock(STRIPE_API)
      .get('/v1/refunds')
      .query({ limit: 2 })
      .reply(200, { object: 'list', data: [refund], has_more: false, url: '/v1/refunds' });
    orderOf();
    const out = await runtime().run<{ id: string; customer_email: string }[]>(
      'triggers.refund_updated.operation.performList',
      makeBundle({ meta: { limit: 2 } }),
    );
    expect(out).toEqual([
      expect.objectContaining({ id: refund.id, customer_email: 'ada@example.com' }),
    ]);
  });

  it('paces a large sample’s order lookups to a test key’s 25 requests/s', async () => {
    const refunds = Array.from({ length: 40 }, (_, i) => ({
      ...refund,
      id: `re_3QxPaced${i}`,
      payment_intent: `pi_3QxPaced${i}`,
    }));
    nock(STRIPE_API)
      .get('/v1/refunds')
      .query({ limit: 40 })
      .reply(200, { object: 'list', data: refunds, has_more: false, url: '/v1/refunds' });
    const times: number[] = [];
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .times(40)
      .reply(
        () => (times.push(Date.now()), [200, { object: 'list', data: [session], has_more: false }]),
      );
    const out = await runtime().run<unknown[]>(
      'triggers.refund_updated.operation.performList',
      makeBundle({ meta: { limit: 40 } }),
    );
    expect(out).toHaveLength(40);
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length),
    );
    expect(busiest).toBeLessThanOrEqual(25);
  });

  it('declares every sample key as an output field', () => {
    const op = App.triggers.refund_updated.operation;
    const declared = new Set((op.outputFields as { key: string }[]).map((f) => f.key));
    for (const key of sampleKeys(op.sample as Record<string, unknown>))
      expect(declared).toContain(key);
  });
});

describe('business days to the statement', () => {
  it.each([
    ['a Monday', Date.UTC(2026, 10, 23) / 1000, 10, '2026-12-07'],
    ['a Friday', Date.UTC(2026, 10, 27) / 1000, 1, '2026-11-30'],
    ['a Saturday', Date.UTC(2026, 10, 28) / 1000, 1, '2026-11-30'],
  ])('from %s', (_name, from, days, expected) => {
    expect(addBusinessDays(from, days)).toBe(expected);
  });
});
