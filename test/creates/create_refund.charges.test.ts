import nock from 'nock';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import { operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';

/** A payment intent whose 80.00 USD sits on two charges: 50.00 (older) and 30.00 (latest). */
const run = operationRunner('creates', 'create_refund');
const PI = 'pi_3QxLumenSplit01';
const older = {
  ...charge,
  id: 'ch_3QxLumenOlder01',
  amount: 5000,
  amount_captured: 5000,
  created: 1763800000,
  payment_intent: PI,
};
const latest = {
  ...charge,
  id: 'ch_3QxLumenLatest1',
  amount: 3000,
  amount_captured: 3000,
  created: 1763800500,
  payment_intent: PI,
};
const failed = {
  ...charge,
  id: 'ch_3QxLumenFailed1',
  status: 'failed',
  captured: false,
  amount_captured: 0,
  payment_intent: PI,
};
type Sent = Record<string, string>;

function intentWithCharges(latestOver: object = {}, olderOver: object = {}) {
  const l = { ...latest, refunds: { object: 'list', data: [], has_more: false }, ...latestOver };
  const o = { ...older, refunds: { object: 'list', data: [], has_more: false }, ...olderOver };
  nock(STRIPE_API)
    .get(`/v1/payment_intents/${PI}`)
    .query({ 'expand[0]': 'latest_charge.refunds' })
    .reply(200, {
      id: PI,
      object: 'payment_intent',
      status: 'succeeded',
      amount: 8000,
      amount_received: 8000,
      currency: 'usd',
      latest_charge: l,
    });
  nock(STRIPE_API)
    .get('/v1/charges')
    .query({ payment_intent: PI, limit: 100, 'expand[0]': 'data.refunds' })
    .reply(200, { object: 'list', data: [o, failed, l], has_more: false });
}

function refunds(sent: Sent[], keys: string[] = [], times = 2) {
  return nock(STRIPE_API)
    .post('/v1/refunds')
    .times(times)
    .reply(function (_uri, body) {
      const form = Object.fromEntries(new URLSearchParams(body as string));
      sent.push(form);
      keys.push(this.req.headers['idempotency-key'] as string);
      const target = form.charge === latest.id ? latest : older;
      return [
        200,
        {
          ...refund,
          id: `re_${form.charge.slice(3)}`,
          charge: form.charge,
          payment_intent: PI,
          amount: Number(form.amount ?? target.amount),
        },
      ];
    });
}

describe('create_refund: a payment intent whose money is on several charges', () => {
  it('a full refund refunds every charge, not only the latest', async () => {
    const sent: Sent[] = [];
    intentWithCharges();
    refunds(sent);
    const out = await run({ payment: PI });
    expect(sent.map((s) => [s.charge, s.amount])).toEqual([
      [latest.id, undefined],
      [older.id, undefined],
    ]);
    expect(out).toMatchObject({
      amount_decimal: '80.00',
      full_refund: true,
      remaining_refundable: 0,
      refunds: [
        { id: 're_3QxLumenLatest1', amount_decimal: '30.00' },
        { id: 're_3QxLumenOlder01', amount_decimal: '50.00' },
      ],
    });
  });

  it('a partial amount beyond the latest charge fills it, then takes the rest from the older one', async () => {
    const sent: Sent[] = [];
    intentWithCharges();
    refunds(sent);
    const out = await run({ payment: PI, amount: '45.00' });
    expect(sent.map((s) => [s.charge, s.amount])).toEqual([
      [latest.id, '3000'],
      [older.id, '1500'],
    ]);
    expect(sent[0]['metadata[zapier_refund_request]']).toMatch(/^zapier-refund-/);
    expect(sent[0]['metadata[zapier_refund_request]']).toBe(
      sent[1]['metadata[zapier_refund_request]'],
    );
    expect(out).toMatchObject({ amount_decimal: '45.00', remaining_refundable_decimal: '35.00' });
  });

  it('a re-run after the first part was made sends only the missing part, with the same key', async () => {
    const first: Sent[] = [];
    const firstKeys: string[] = [];
    intentWithCharges();
    refunds(first, firstKeys);
    await run({ payment: PI, amount: '45.00' });
    const marker = first[0]['metadata[zapier_refund_request]'];
    // Second run: the latest charge shows the first part (made by this request); the older part failed.
    const again: Sent[] = [];
    const againKeys: string[] = [];
    intentWithCharges({
      amount_refunded: 3000,
      refunded: true,
      refunds: {
        object: 'list',
        data: [
          {
            ...refund,
            amount: 3000,
            status: 'succeeded',
            metadata: { zapier_refund_request: marker },
          },
        ],
        has_more: false,
      },
    });
    refunds(again, againKeys, 1);
    await run({ payment: PI, amount: '45.00' });
    expect(again.map((s) => [s.charge, s.amount])).toEqual([[older.id, '1500']]);
    expect(againKeys[0]).toBe(firstKeys[1]);
  });

  it('refuses more than all its charges hold, with the total, and sends nothing', async () => {
    intentWithCharges();
    const { err, sent } = await refusedBeforeSending(() => run({ payment: PI, amount: '90' }));
    expect(err.message).toMatch(
      /90\.00 USD is more than the 80\.00 USD left to refund on pi_3QxLumenSplit01 \(over 2 charges\)/,
    );
    expect(sent).toEqual([]);
  });
});
