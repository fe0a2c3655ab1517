import nock from 'nock';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import { operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';

// bulk_refund takes the Connect flags Create Refund takes (issue 25): the same input keys, the
// same yes/no reading, sent on every refund the step makes, and nothing sent on a bad value.

type Sent = { charge: string; body: Record<string, string>; account: string | undefined };

const ACCOUNT = 'acct_1QxLumenShop01';
const payments = ['ch_3QxBulkConn0001', 'ch_3QxBulkConn0002'];

function stripeWire(sent: Sent[]): void {
  for (const id of payments) {
    nock(STRIPE_API)
      .get(`/v1/charges/${id}`)
      .query({ 'expand[0]': 'refunds' })
      .reply(200, { ...charge, id, payment_intent: `pi_${id.slice(3)}` });
    nock(STRIPE_API)
      .post('/v1/refunds', (b) => b.charge === id)
      .reply(function (_uri, body) {
        const header = this.req.headers['stripe-account'];
        sent.push({
          charge: id,
          body: Object.fromEntries(new URLSearchParams(String(body))),
          account: Array.isArray(header) ? header[0] : header,
        });
        return [200, { ...refund, id: `re_${id.slice(3)}`, charge: id }];
      });
  }
}

const platform = operationRunner('creates', 'bulk_refund');
const connected = operationRunner('creates', 'bulk_refund', false, { stripe_account: ACCOUNT });

describe('bulk_refund: Connect flags', () => {
  it("sends neither flag by default (Stripe's defaults: off)", async () => {
    const sent: Sent[] = [];
    stripeWire(sent);
    await platform({ payments });
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      expect(s.body.reverse_transfer).toBeUndefined();
      expect(s.body.refund_application_fee).toBeUndefined();
    }
  });

  it('a platform (non-Connect) connection sends both flags on every refund, with no Stripe-Account', async () => {
    const sent: Sent[] = [];
    stripeWire(sent);
    const out = (await platform({
      payments,
      reverse_transfer: true,
      refund_application_fee: 'yes',
    })) as { counts: { refunded: number } };
    expect(out.counts.refunded).toBe(2);
    expect(
      sent.map((s) => [
        s.charge,
        s.body.reverse_transfer,
        s.body.refund_application_fee,
        s.account,
      ]),
    ).toEqual([
      [payments[0], 'true', 'true', undefined],
      [payments[1], 'true', 'true', undefined],
    ]);
  });

  it('a Connect connection sends them on the connected account', async () => {
    const sent: Sent[] = [];
    stripeWire(sent);
    await connected({ payments, reverse_transfer: 'false', refund_application_fee: 'true' });
    expect(
      sent.map((s) => [s.body.reverse_transfer, s.body.refund_application_fee, s.account]),
    ).toEqual([
      [undefined, 'true', ACCOUNT],
      [undefined, 'true', ACCOUNT],
    ]);
  });

  it.each([
    [
      { reverse_transfer: 'maybe' },
      'Reverse Transfer must be yes or no (or left empty for no); got "maybe".',
    ],
    [
      { refund_application_fee: 'sure' },
      'Refund Application Fee must be yes or no (or left empty for no); got "sure".',
    ],
  ])('refuses %j with nothing sent', async (input, message) => {
    const { err, sent } = await refusedBeforeSending(() => platform({ payments, ...input }));
    expect(err).toMatchObject({ code: 'invalid_input', message });
    expect(sent).toEqual([]);
  });
});
