import nock from 'nock';
import App from '../../index';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import session from '../fixtures/foundation/checkout_session.json';
import { appTester, caught, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';

const perform = (
  App.creates.create_refund.operation as unknown as Record<string, Parameters<typeof appTester>[0]>
).perform;
const run = (inputData: Record<string, unknown>) => appTester(perform, makeBundle({ inputData }));
const intent = {
  id: 'pi_3QxLumenPaid01',
  object: 'payment_intent',
  status: 'succeeded',
  amount: 4860,
  currency: 'usd',
  latest_charge: charge,
};
type Sent = { body: URLSearchParams; key?: string };

function refundCreate(sent: Sent[], reply: object = refund) {
  return nock(STRIPE_API)
    .post('/v1/refunds', () => true)
    .reply(function (_uri, body) {
      sent.push({
        body: new URLSearchParams(body as string),
        key: this.req.headers['idempotency-key'] as string,
      });
      return [200, reply];
    });
}

describe('create_refund', () => {
  it('refunds a payment intent in full: reads the charge, then one POST with an idempotency key', async () => {
    const sent: Sent[] = [];
    nock(STRIPE_API)
      .get('/v1/payment_intents/pi_3QxLumenPaid01')
      .query({ 'expand[0]': 'latest_charge.refunds' })
      .reply(200, intent);
    refundCreate(sent);
    const out = await run({ payment: 'pi_3QxLumenPaid01', reason: 'requested_by_customer' });
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0].body)).toEqual({
      charge: 'ch_3QxLumenPaid01',
      reason: 'requested_by_customer',
      'metadata[zapier_refund_request]': expect.stringMatching(/^zapier-refund-[0-9a-f]{48}$/),
    });
    expect(sent[0].key).toMatch(/^zapier-refund-[0-9a-f]{48}$/);
    expect(out).toMatchObject({
      id: 're_3QxLumenRefund01',
      status: 'succeeded',
      amount: 4860,
      amount_decimal: '48.60',
      full_refund: true,
      remaining_refundable: 0,
      remaining_refundable_decimal: '0.00',
      note: expect.stringMatching(/5–10 business days/),
    });
  });

  it('resolves a checkout session to its payment and refunds part of it', async () => {
    const sent: Sent[] = [];
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query({ 'expand[0]': 'payment_intent.latest_charge.refunds' })
      .reply(200, { ...session, payment_intent: intent });
    refundCreate(sent, { ...refund, amount: 1250 });
    const out = await run({ payment: session.id, amount: '12.50' });
    expect(sent[0].body.get('amount')).toBe('1250');
    expect(out).toMatchObject({
      amount_decimal: '12.50',
      full_refund: false,
      remaining_refundable_decimal: '36.10',
    });
  });

  it('refunds a charge id directly, in JPY without ×100', async () => {
    const sent: Sent[] = [];
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(200, { ...charge, currency: 'jpy', amount: 5000, amount_captured: 5000 });
    refundCreate(sent, { ...refund, amount: 1200, currency: 'jpy' });
    const out = await run({ payment: 'ch_3QxLumenPaid01', amount: '1200' });
    expect(sent[0].body.get('amount')).toBe('1200');
    expect(out).toMatchObject({ amount_decimal: '1200', remaining_refundable: 3800 });
  });

  it('sends the same idempotency key when Zapier retries the same step, and a new one for another amount', async () => {
    const sent: Sent[] = [];
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .times(3)
      .reply(200, charge);
    refundCreate(sent, { ...refund, amount: 500 });
    refundCreate(sent, { ...refund, amount: 500 });
    refundCreate(sent, { ...refund, amount: 600 });
    await run({ payment: 'ch_3QxLumenPaid01', amount: '5' });
    await run({ payment: 'ch_3QxLumenPaid01', amount: '5.00' });
    await run({ payment: 'ch_3QxLumenPaid01', amount: '6' });
    expect(sent[0].key).toBe(sent[1].key);
    expect(sent[2].key).not.toBe(sent[0].key);
  });

  it('refuses an over-refund with both figures and sends no POST', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(200, { ...charge, amount_refunded: 4000 });
    const unmatched = recordUnmatched();
    const error = await caught(() => run({ payment: 'ch_3QxLumenPaid01', amount: '10' }));
    unmatched.stop();
    expect(error).toMatchObject({
      code: 'refund_refused',
      message: expect.stringMatching(/10\.00 USD is more than the 8\.60 USD left/),
    });
    expect(unmatched.urls).toEqual([]);
  });

  it('a payment already fully refunded is a soft halt, not an error that turns the Zap off', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(200, { ...charge, amount_refunded: 4860, refunded: true });
    expect((await caught(() => run({ payment: 'ch_3QxLumenPaid01' }))).name).toBe('HaltedError');
  });

  it('a session without a payment says why', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(true)
      .reply(200, { ...session, mode: 'subscription', payment_intent: null });
    const error = await caught(() => run({ payment: session.id }));
    expect(error.message).toMatch(/subscription-mode session/);
  });

  it.each([
    [
      {
        error: {
          type: 'invalid_request_error',
          code: 'charge_already_refunded',
          message: 'Charge ch_3QxLumenPaid01 has already been refunded.',
        },
      },
      { name: 'HaltedError' },
    ],
    [
      {
        error: {
          type: 'invalid_request_error',
          code: 'charge_disputed',
          message: 'Charge ch_3QxLumenPaid01 has been charged back; cannot issue a refund.',
        },
      },
      { code: 'charge_disputed', message: expect.stringMatching(/Respond to the dispute/) },
    ],
    [
      {
        error: {
          type: 'idempotency_error',
          message:
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        },
      },
      {
        code: 'idempotency_key_reused',
        message: expect.not.stringMatching(/new (one|key|value)/),
      },
    ],
  ])("maps Stripe's refusal %#", async (body, expected) => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(200, charge);
    nock(STRIPE_API).post('/v1/refunds').reply(400, body);
    expect(await caught(() => run({ payment: 'ch_3QxLumenPaid01' }))).toMatchObject(expected);
  });

  it('an id from the other mode says which mode it is in', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message:
            "No such charge: 'ch_3QxLumenPaid01'; a similar object exists in live mode, but a test mode key was used to make this request.",
        },
      });
    expect(await caught(() => run({ payment: 'ch_3QxLumenPaid01' }))).toMatchObject({
      code: 'resource_missing',
      message: expect.stringMatching(
        /^Payment ch_3QxLumenPaid01 is in live mode, this connection's key is not: .*reconnect with a new key for live mode\.$/,
      ),
    });
  });

  it('reports a refund left pending for insufficient balance', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .reply(200, charge);
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(200, { ...refund, status: 'pending', pending_reason: 'insufficient_funds' });
    expect(await run({ payment: 'ch_3QxLumenPaid01' })).toMatchObject({
      status: 'pending',
      pending_reason: 'insufficient_funds',
      note: expect.stringMatching(/balance/),
    });
  });

  it.each([
    [{ payment: '' }, /Payment is empty/],
    [{ payment: 'in_1QxLumenInv001' }, /not a valid id/],
    [{ payment: 'https://dashboard.stripe.com/payments/pi_3Qx' }, /not a valid id/],
    [{ payment: 'ch_3QxLumenPaid01', reason: 'other' }, /needs a Note/],
    [{ payment: 'ch_3QxLumenPaid01', amount: '-3' }, /negative/],
    [{ payment: 'ch_3QxLumenPaid01', amount: 'abc' }, /not an amount/],
  ])('refuses %j with nothing refunded', async (input, message) => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query({ 'expand[0]': 'refunds' })
      .optionally()
      .reply(200, charge);
    const unmatched = recordUnmatched();
    const error = await caught(() => run(input));
    unmatched.stop();
    expect(error.message).toMatch(message);
    expect(unmatched.urls).toEqual([]);
  });
});
