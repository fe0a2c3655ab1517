import nock from 'nock';
import charge from '../fixtures/refunds/charge.json';
import dispute from '../fixtures/refunds/dispute.json';
import refund from '../fixtures/refunds/refund.json';
import { MARKER_KEY } from '../../lib/refunds/plan';
import { caught, operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';

const run = operationRunner('creates', 'create_refund');
const CH = 'ch_3QxLumenPaid01';
const MARKER = `metadata[${MARKER_KEY}]`;
type Sent = { body: Record<string, string>; key?: string };

function refundCreate(sent: Sent[], reply: object = refund, headers: Record<string, string> = {}) {
  return nock(STRIPE_API)
    .post('/v1/refunds')
    .reply(function (_uri, body) {
      sent.push({
        body: Object.fromEntries(new URLSearchParams(body as string)),
        key: this.req.headers['idempotency-key'] as string,
      });
      return [200, reply, headers];
    });
}
const chargeReply = (over: object = {}) =>
  nock(STRIPE_API)
    .get(`/v1/charges/${CH}`)
    .query({ 'expand[0]': 'refunds' })
    .reply(200, { ...charge, ...over });
const disputes = (over: object) =>
  nock(STRIPE_API)
    .get('/v1/disputes')
    .query({ charge: CH, limit: 1 })
    .reply(200, { object: 'list', data: [{ ...dispute, ...over }], has_more: false });

describe('create_refund: disputes', () => {
  it('refunds a disputed charge while its dispute says it is refundable (an inquiry or warning)', async () => {
    const sent: Sent[] = [];
    chargeReply({ disputed: true });
    disputes({ status: 'warning_needs_response', is_charge_refundable: true });
    refundCreate(sent);
    expect(await run({ payment: CH })).toMatchObject({ status: 'succeeded' });
    expect(sent).toHaveLength(1);
  });

  it('refuses a chargeback Stripe will not let you refund, naming the dispute, and sends no refund', async () => {
    chargeReply({ disputed: true });
    disputes({ status: 'needs_response', is_charge_refundable: false });
    const { err, sent } = await refusedBeforeSending(() => run({ payment: CH }));
    expect(err.message).toMatch(
      /dispute dp_1QxLumenInquiry1: needs response.*Respond to the dispute/,
    );
    expect(sent).toEqual([]);
  });
});

describe('create_refund: what is refused before sending', () => {
  it('a failed payment is called failed, not "never captured"', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_intents/pi_3QxLumenPaid01')
      .query(true)
      .reply(200, {
        id: 'pi_3QxLumenPaid01',
        object: 'payment_intent',
        status: 'requires_payment_method',
        amount: 4860,
        amount_received: 0,
        currency: 'usd',
        latest_charge: {
          ...charge,
          status: 'failed',
          captured: false,
          paid: false,
          amount_captured: 0,
          failure_code: 'card_declined',
        },
      });
    const { err, sent } = await refusedBeforeSending(() => run({ payment: 'pi_3QxLumenPaid01' }));
    expect(err.message).toMatch(/is a failed payment: it was declined, so no money was taken/);
    expect(err.message).not.toMatch(/captured/);
    expect(sent).toEqual([]);
  });

  it.each([
    ['eur', '2.500', /"2\.500" is ambiguous in EUR.*"2500\.00"/],
    ['eur', '1.000', /ambiguous in EUR/],
    ['isk', '1234.50', /whole krónur only.*"1234"/],
  ])('an amount in %s written %j is refused, not guessed', async (currency, amount, message) => {
    chargeReply({ currency, amount: 500000, amount_captured: 500000 });
    const { err, sent } = await refusedBeforeSending(() => run({ payment: CH, amount }));
    expect(err.message).toMatch(message);
    expect(sent).toEqual([]);
  });

  it('a Note never overwrites a reason_note metadata key of the user', async () => {
    chargeReply();
    const { err, sent } = await refusedBeforeSending(() =>
      run({
        payment: CH,
        reason: 'other',
        note: 'Damaged in transit',
        metadata: { reason_note: 'ticket 4411' },
      }),
    );
    expect(err.message).toMatch(/Metadata has a "reason_note" key and Note is filled in too/);
    expect(sent).toEqual([]);
  });

  it.each([
    [{ reverse_transfer: 'maybe' }, /Reverse Transfer must be yes or no/],
    [{ refund_application_fee: 'sure' }, /Refund Application Fee must be yes or no/],
    [{ instructions_email: 'ana@example.com, eve@example.com' }, /Instructions Email .*list/],
    [{ instructions_email: 'not an email' }, /Instructions Email/],
    [{ metadata: { 'order[id]': '1' } }, /contains "\[" or "\]"/],
  ])('refuses %j with nothing sent', async (input, message) => {
    const { err, sent } = await refusedBeforeSending(() => run({ payment: CH, ...input }));
    expect(err.message).toMatch(message);
    expect(sent).toEqual([]);
  });
});

describe('create_refund: Connect and instructions', () => {
  it("sends nothing for the Connect flags by default (Stripe's defaults: off)", async () => {
    const sent: Sent[] = [];
    chargeReply();
    refundCreate(sent);
    await run({ payment: CH });
    expect(sent[0].body).toEqual({
      charge: CH,
      [MARKER]: expect.stringMatching(/^zapier-refund-/),
    });
  });

  it('sends reverse_transfer, refund_application_fee and instructions_email when asked', async () => {
    const sent: Sent[] = [];
    chargeReply();
    refundCreate(sent);
    await run({
      payment: CH,
      reverse_transfer: true,
      refund_application_fee: 'yes',
      instructions_email: ' ana@example.com ',
    });
    expect(sent[0].body).toEqual({
      charge: CH,
      [MARKER]: expect.stringMatching(/^zapier-refund-/),
      reverse_transfer: 'true',
      refund_application_fee: 'true',
      instructions_email: 'ana@example.com',
    });
  });
});

describe('create_refund: honest replays and conflicts', () => {
  it('a replay is found on the payment by its marker: nothing is sent, and nothing is counted down twice', async () => {
    const sent: Sent[] = [];
    chargeReply();
    refundCreate(sent, { ...refund, amount: 1500 });
    await run({ payment: CH, amount: '15.00' });
    const marker = sent[0].body[MARKER];
    // Days later (Stripe has forgotten the key): the charge shows the refund with its marker.
    chargeReply({
      amount_refunded: 1500,
      refunds: {
        object: 'list',
        data: [{ ...refund, amount: 1500, metadata: { [MARKER_KEY]: marker } }],
        has_more: false,
        url: `/v1/charges/${CH}/refunds`,
      },
    });
    expect(await run({ payment: CH, amount: '15.00' })).toMatchObject({
      replayed: true,
      amount_decimal: '15.00',
      remaining_refundable: 3360,
      remaining_refundable_decimal: '33.60',
      note: expect.stringMatching(/^Already made by an earlier run of this step on 20/),
    });
    expect(sent).toHaveLength(1);
  });

  it("a refund made now is reported as made now, even when the SDK's retry got Stripe's replay", async () => {
    // The connection dropped after Stripe made the refund; the SDK's retry (same key) got the replay.
    chargeReply();
    refundCreate([], { ...refund, amount: 1500 }, { 'Idempotent-Replayed': 'true' });
    const out = await run({ payment: CH, amount: '15.00' });
    expect(out).toMatchObject({ replayed: false, remaining_refundable_decimal: '33.60' });
    expect((out as { note: string }).note).not.toMatch(/earlier run/);
  });

  it('a fresh refund is not marked replayed', async () => {
    chargeReply();
    refundCreate([], { ...refund, amount: 1500 }, { 'Idempotent-Replayed': 'false' });
    expect(await run({ payment: CH, amount: '15.00' })).toMatchObject({
      replayed: false,
      remaining_refundable: 3360,
    });
  });

  it('an idempotency conflict names the refund already made and never advises a new key', async () => {
    chargeReply({ amount_refunded: 1500 });
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(400, {
        error: {
          type: 'idempotency_error',
          message:
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        },
      });
    nock(STRIPE_API)
      .get('/v1/refunds')
      .query({ charge: CH, limit: 100 })
      .reply(200, {
        object: 'list',
        data: [{ ...refund, id: 're_3QxFirstRun0001', amount: 1500 }],
        has_more: false,
      });
    const err = await caught(() => run({ payment: CH, amount: '15', note: 'changed' }));
    expect(err).toMatchObject({ code: 'idempotency_key_reused' });
    expect(err.message).toMatch(/already made: re_3QxFirstRun0001 \(15\.00 USD, succeeded/);
    expect(err.message).toMatch(/Nothing more was refunded/);
    expect(err.message).not.toMatch(/new (one|key|value)|Idempotency Key/i);
  });
});

describe('create_refund: every status explained', () => {
  it.each([
    [{ status: 'succeeded' }, /^Refunded\. Card refunds take 5–10 business days/],
    [
      { status: 'succeeded', destination_details: { type: 'paypal', paypal: {} } },
      /^Refunded to the customer's paypal/,
    ],
    [{ status: 'pending', pending_reason: 'insufficient_funds' }, /balance cannot cover it/],
    [{ status: 'pending', pending_reason: 'charge_pending' }, /original payment has not settled/],
    [
      { status: 'requires_action', next_action: { type: 'display_details' } },
      /^Requires action: .*emails the customer/,
    ],
    [
      { status: 'failed', failure_reason: 'expired_or_canceled_card' },
      /^Failed \(expired_or_canceled_card\): .*refund the customer another way/,
    ],
    [{ status: 'canceled' }, /^Canceled: no money/],
  ])('%j', async (over, note) => {
    chargeReply();
    refundCreate([], { ...refund, ...over });
    const out = (await run({ payment: CH })) as { note: string; failure_reason: string | null };
    expect(out.note).toMatch(note);
    if (!/^(Refunded\.|Pending: Stripe)/.test(out.note)) expect(out.note).not.toMatch(/5–10/);
  });

  it('a legacy fractional ISK charge Stripe refuses gets a message saying what to do', async () => {
    chargeReply({ currency: 'isk', amount: 123450, amount_captured: 123450 });
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(400, {
        error: {
          type: 'invalid_request_error',
          code: 'invalid_charge_amount_no_decimal_compatible',
          message: 'Amount must be a whole number of ISK.',
        },
      });
    expect(await caught(() => run({ payment: CH }))).toMatchObject({
      code: 'invalid_charge_amount_no_decimal_compatible',
      message: expect.stringMatching(/whole krónur only.*Refund a whole amount/),
    });
  });
});
