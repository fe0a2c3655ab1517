import nock from 'nock';
import type Stripe from 'stripe';
import App from '../../index';
import session from '../fixtures/foundation/checkout_session.json';
import dispute from '../fixtures/refunds/dispute.json';
import balance from '../fixtures/triggers/dispute_balance_transactions.json';
import { balanceMovements, disputeStage } from '../../lib/stripe/dispute';
import { countRequests, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';
import { eventOf, sampleKeys } from './stripe-hook-helpers';
import { expectOncePerZap, stripeHasEvent, turnOnZap } from './zaps';

const runtime = useRuntime();
const CONNECTED = 'acct_1ConnectedShop';
let n = 0;
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86400;

const opened = (over: Record<string, unknown> = {}) => ({
  ...dispute,
  evidence_details: { ...dispute.evidence_details, due_by: now() + 7 * DAY },
  ...over,
});
/** Balance transactions as Stripe lists them on a dispute (fixtures), with fresh ids. */
const txn = (name: keyof typeof balance) => ({
  ...balance[name],
  id: `${balance[name].id}${(n += 1)}`,
});
const disputeEvent = (type: string, object: object, account?: string) =>
  eventOf(type, object, `evt_1QxDsp${(n += 1)}${Date.now()}`, account ? { account } : {});

/** A balance transaction as Stripe lists it on a dispute. */
const movement = (amount: number, currency = 'usd'): Stripe.BalanceTransaction =>
  ({
    id: `txn_1QxDsp${(n += 1)}`,
    object: 'balance_transaction',
    amount,
    available_on: now(),
    balance_type: 'payments',
    created: now(),
    currency,
    description: amount < 0 ? 'Chargeback withdrawal' : 'Chargeback reversal',
    exchange_rate: null,
    fee: amount < 0 ? 1500 : 0,
    fee_details: [],
    net: amount < 0 ? amount - 1500 : amount,
    reporting_category: 'dispute',
    source: dispute.id,
    status: 'available',
    type: 'adjustment',
  }) as unknown as Stripe.BalanceTransaction;

/** Stripe's answer to the one order lookup: the session of this payment intent. */
const orderOf = (
  paymentIntent = 'pi_3QxLumenPaid01',
  data: object[] = [session],
  times = 1,
  account?: string,
) =>
  nock(STRIPE_API, account ? { reqheaders: { 'stripe-account': account } } : {})
    .get('/v1/checkout/sessions')
    .query({ payment_intent: paymentIntent, limit: 1 })
    .times(times)
    .reply(200, { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });

describe('dispute_created', () => {
  it('fires with the evidence deadline, the order and the Dashboard link, for one Stripe call', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const calls = countRequests(orderOf());
    const object = opened({ status: 'needs_response', reason: 'fraudulent' });
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', object));
    expect(record).toMatchObject({
      id: 'dp_1QxLumenInquiry1',
      status: 'needs_response',
      outcome: null,
      amount: 4860,
      amount_decimal: '48.60',
      currency: 'usd',
      reason: 'fraudulent',
      evidence_due_by: new Date(object.evidence_details.due_by * 1000).toISOString(),
      evidence_past_due: false,
      is_charge_refundable: true,
      payment_intent: 'pi_3QxLumenPaid01',
      charge: 'ch_3QxLumenPaid01',
      checkout_session: session.id,
      client_reference_id: 'order-1042',
      payment_link: 'plink_1QxSpringSale',
      customer_email: 'ada@example.com',
      customer_name: 'Ada Lovelace',
      order_lookup_message: null,
      dashboard_url: 'https://dashboard.stripe.com/test/disputes/dp_1QxLumenInquiry1',
    });
    expect(calls()).toBe(1);
  });

  it('a chargeback opens with its withdrawal: the dispute fee and the net cost are there already', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    const chargeback = opened({
      status: 'needs_response',
      balance_transactions: [txn('withdrawal_usd')],
    });
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', chargeback));
    expect(record).toMatchObject({
      amount_withdrawn_decimal: '48.60',
      amount_reinstated_decimal: '0.00',
      dispute_fee_decimal: '15.00',
      net_impact_decimal: '-63.60',
      balance_currency: 'usd',
    });
  });

  it('an inquiry fires marked as one, and moves no money yet: fee and net impact are empty, not zero', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', opened()));
    expect(record).toMatchObject({
      status: 'warning_needs_response',
      stage: 'inquiry',
      is_inquiry: true,
      escalated_from_inquiry: false,
      dispute_fee_decimal: null,
      net_impact_decimal: null,
      balance_currency: null,
    });
  });

  it('asks Stripe for endpoints with charge.dispute.created and charge.dispute.updated only', async () => {
    let events: string[] = [];
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints')
      .reply(200, (_uri, body) => {
        events = [...new URLSearchParams(String(body))]
          .filter(([key]) => key.startsWith('enabled_events'))
          .map(([, value]) => value);
        return { id: 'we_1Dsp', object: 'webhook_endpoint', secret: 'whsec_dsp' };
      });
    await runtime().run(
      'triggers.dispute_created.operation.performSubscribe',
      makeBundle({ targetUrl: 'https://hooks.zapier.com/x' }),
    );
    expect(events).toEqual(['charge.dispute.created', 'charge.dispute.updated']);
  });

  it('says the evidence is past due once the deadline has passed, even before Stripe flags it', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    const late = opened({
      id: 'dp_1QxLate',
      evidence_details: { ...dispute.evidence_details, due_by: now() - 60, past_due: false },
    });
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', late));
    expect(record.evidence_past_due).toBe(true);
  });

  it('fires once per Zap: not for a re-delivery, a second event of the dispute, or a late replay', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const other = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-2' });
    orderOf('pi_3QxLumenPaid01', [session], 2);
    await expectOncePerZap(
      zap,
      other,
      disputeEvent('charge.dispute.created', opened()),
      disputeEvent('charge.dispute.created', opened()),
    );
  });

  it('a replay signed long ago fires only if Stripe confirms the event', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const event = disputeEvent('charge.dispute.created', opened({ id: 'dp_1QxReplay' }));
    stripeHasEvent(event.id, null);
    expect(await zap.deliver(event, { lateBySeconds: 900 })).toEqual([]);
  });

  it('still fires when the order lookup fails, saying why the order fields are empty', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', opened()));
    expect(record).toMatchObject({
      id: dispute.id,
      amount_decimal: '48.60',
      checkout_session: null,
      customer_email: null,
      payment_link: null,
      order_lookup_message: 'The order could not be read (Stripe answered 500).',
    });
  });

  it('a dispute of a payment made outside Checkout fires without an order', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf('pi_3QxLumenPaid01', []);
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', opened()));
    expect(record.order_lookup_message).toMatch(/did not come through Stripe Checkout/);
  });

  it.each([
    ['jpy', 5000, '5000'],
    ['kwd', 12340, '12.340'],
    ['eur', 1999, '19.99'],
  ])('gives %s amounts in the currency’s own decimals', async (currency, amount, decimal) => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: `zap-${currency}` });
    orderOf();
    const [record] = await zap.deliver(
      disputeEvent('charge.dispute.created', opened({ currency, amount })),
    );
    expect(record).toMatchObject({ amount, amount_decimal: decimal, currency });
  });

  it('on Connect, reads the order on the connected account and links to its Dashboard', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', {
      zapId: 'zap-1',
      authData: { stripe_account: CONNECTED },
    });
    const lookup = orderOf('pi_3QxLumenPaid01', [session], 1, CONNECTED);
    const [record] = await zap.deliver(disputeEvent('charge.dispute.created', opened(), CONNECTED));
    expect(lookup.isDone()).toBe(true);
    expect(record).toMatchObject({
      checkout_session: session.id,
      dashboard_url: `https://dashboard.stripe.com/${CONNECTED}/test/disputes/${dispute.id}`,
    });
    expect(
      await zap.deliver(disputeEvent('charge.dispute.created', opened(), 'acct_1OtherShop')),
    ).toEqual([]);
  });

  it('samples the newest disputes in the same shape', async () => {
    nock(STRIPE_API)
      .get('/v1/disputes')
      .query({ limit: 2 })
      .reply(200, { object: 'list', data: [opened()], has_more: false, url: '/v1/disputes' });
    orderOf();
    const out = await runtime().run<Record<string, unknown>[]>(
      'triggers.dispute_created.operation.performList',
      makeBundle({ meta: { limit: 2 } }),
    );
    expect(out).toEqual([
      expect.objectContaining({ id: dispute.id, client_reference_id: 'order-1042' }),
    ]);
  });
});

/**
 * `charge.dispute.updated` as Stripe sends it: the dispute now, and in `previous_attributes` the
 * attributes the update changed, as they were.
 */
const updatedEvent = (object: object, previous: object, created = now()) => {
  const event = eventOf('charge.dispute.updated', object, `evt_1QxDspUpd${(n += 1)}${Date.now()}`, {
    created,
  });
  return { ...event, data: { object, previous_attributes: previous } };
};
const inquiryDueBy = () => now() + 7 * DAY;
/** The inquiry as it was, and the same dispute object once it became a chargeback. */
const inquiry = (over: Record<string, unknown> = {}) => opened({ id: 'dp_1QxEscalates', ...over });
const escalatedTo = (status: string, from = 'warning_needs_response') => {
  const dueBy = now() + 14 * DAY;
  return updatedEvent(
    inquiry({
      status,
      is_charge_refundable: false,
      balance_transactions: [txn('withdrawal_usd')],
      evidence_details: { ...dispute.evidence_details, due_by: dueBy, past_due: false },
    }),
    {
      status: from,
      is_charge_refundable: true,
      balance_transactions: [],
      evidence_details: { ...dispute.evidence_details, due_by: inquiryDueBy() },
    },
  );
};

describe('dispute_created: inquiries and their escalation to a chargeback', () => {
  it('a chargeback opened directly fires once, marked as a chargeback, not escalated', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    const chargeback = inquiry({
      status: 'needs_response',
      balance_transactions: [txn('withdrawal_usd')],
    });
    const event = disputeEvent('charge.dispute.created', chargeback);
    expect(await zap.deliver(event)).toEqual([
      expect.objectContaining({
        status: 'needs_response',
        stage: 'chargeback',
        is_inquiry: false,
        escalated_from_inquiry: false,
      }),
    ]);
    const unmatched = recordUnmatched();
    expect(await zap.deliver(event)).toEqual([]);
    // Its evidence submitted later is no escalation: nothing fires, Stripe is not asked.
    const answered = updatedEvent(
      { ...chargeback, status: 'under_review' },
      { status: 'needs_response' },
    );
    expect(await zap.deliver(answered)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('the inquiry turned chargeback on the same dispute fires once more, marked escalated, with the chargeback’s deadline and withdrawal', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const other = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-2' });
    orderOf('pi_3QxLumenPaid01', [session], 3);
    expect(await zap.deliver(disputeEvent('charge.dispute.created', inquiry()))).toHaveLength(1);
    const escalation = escalatedTo('needs_response');
    const [record] = await zap.deliver(escalation);
    expect(record).toMatchObject({
      id: 'dp_1QxEscalates',
      status: 'needs_response',
      stage: 'chargeback',
      is_inquiry: false,
      escalated_from_inquiry: true,
      is_charge_refundable: false,
      evidence_due_by: new Date(
        (escalation.data.object as { evidence_details: { due_by: number } }).evidence_details
          .due_by * 1000,
      ).toISOString(),
      amount_withdrawn_decimal: '48.60',
      dispute_fee_decimal: '15.00',
      checkout_session: session.id,
      dashboard_url: 'https://dashboard.stripe.com/test/disputes/dp_1QxEscalates',
    });
    // The same delivery again, or another event saying the same escalation: nothing, no call.
    const unmatched = recordUnmatched();
    expect(await zap.deliver(escalation)).toEqual([]);
    expect(await zap.deliver(escalatedTo('under_review', 'warning_under_review'))).toEqual([]);
    expect(await zap.deliver(escalation, { lateBySeconds: 900 })).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    // A second Zap on the same connection hears it once too.
    expect(await other.deliver(escalation)).toEqual([
      expect.objectContaining({ escalated_from_inquiry: true }),
    ]);
    expect(await other.deliver(escalation)).toEqual([]);
  });

  it('an inquiry answered with evidence that still escalates (warning_under_review → under_review) fires as escalated', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    const [record] = await zap.deliver(escalatedTo('under_review', 'warning_under_review'));
    expect(record).toMatchObject({ status: 'under_review', escalated_from_inquiry: true });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'evidence submitted on a chargeback',
      { status: 'under_review' },
      { status: 'needs_response' },
    ],
    [
      'under_review → under_review (only the evidence changed)',
      { status: 'under_review' },
      { evidence_details: { ...dispute.evidence_details, has_evidence: false } },
    ],
    [
      'an inquiry answered: warning_needs_response → warning_under_review',
      { status: 'warning_under_review' },
      { status: 'warning_needs_response' },
    ],
    [
      'an inquiry closed: warning_under_review → warning_closed',
      { status: 'warning_closed' },
      { status: 'warning_under_review' },
    ],
    [
      'an unanswered inquiry closed: warning_needs_response → warning_closed',
      { status: 'warning_closed' },
      { status: 'warning_needs_response' },
    ],
    [
      'an inquiry prevented: warning_needs_response → prevented',
      { status: 'prevented' },
      { status: 'warning_needs_response' },
    ],
    ['metadata only, on an inquiry', {}, { metadata: {} }],
    ['a chargeback lost', { status: 'lost' }, { status: 'under_review' }],
  ])('an update that is no escalation does not fire: %s', async (_name, now, previous) => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const unmatched = recordUnmatched();
    expect(await zap.deliver(updatedEvent(inquiry(now), previous))).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('an update without previous_attributes does not fire', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    const event = disputeEvent('charge.dispute.updated', inquiry({ status: 'needs_response' }));
    expect(await zap.deliver(event)).toEqual([]);
  });

  it('an escalation delivered before its inquiry’s opening: the chargeback fires, the late inquiry does not', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf();
    expect(await zap.deliver(escalatedTo('needs_response'))).toEqual([
      expect.objectContaining({ escalated_from_inquiry: true }),
    ]);
    const openedEarlier = eventOf(
      'charge.dispute.created',
      inquiry(),
      `evt_1QxDspOld${Date.now()}`,
      {
        created: now() - 3600,
      },
    );
    const unmatched = recordUnmatched();
    expect(await zap.deliver(openedEarlier)).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('Stripe opening a new dispute for the chargeback fires it as a new dispute, once', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_created', { zapId: 'zap-1' });
    orderOf('pi_3QxLumenPaid01', [session], 2);
    expect(await zap.deliver(disputeEvent('charge.dispute.created', inquiry()))).toHaveLength(1);
    const chargeback = opened({
      id: 'dp_1QxNewChargeback',
      status: 'needs_response',
      balance_transactions: [txn('withdrawal_usd')],
    });
    const event = disputeEvent('charge.dispute.created', chargeback);
    expect(await zap.deliver(event)).toEqual([
      expect.objectContaining({ id: 'dp_1QxNewChargeback', stage: 'chargeback' }),
    ]);
    expect(await zap.deliver(event)).toEqual([]);
  });

  it('Dispute Closed does not fire for an escalation', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_closed', { zapId: 'zap-1' });
    expect(await zap.deliver(escalatedTo('needs_response'))).toEqual([]);
  });

  it.each([
    ['warning_needs_response', 'inquiry'],
    ['warning_under_review', 'inquiry'],
    ['warning_closed', 'inquiry'],
    ['needs_response', 'chargeback'],
    ['under_review', 'chargeback'],
    ['appeal_needs_response', 'chargeback'],
    ['won', 'chargeback'],
    ['lost', 'chargeback'],
    ['prevented', 'prevented'],
  ])('status %s is a dispute at the %s stage', (status, stage) => {
    expect(disputeStage(status)).toBe(stage);
  });
});

describe('dispute_closed', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'a lost dispute says what was withdrawn, the dispute fee, and that nothing came back',
      { status: 'lost', balance_transactions: [txn('withdrawal_usd')] },
      {
        status: 'lost',
        outcome: 'lost',
        amount_withdrawn_decimal: '48.60',
        amount_reinstated_decimal: '0.00',
        dispute_fee_decimal: '15.00',
        net_impact_decimal: '-63.60',
        balance_currency: 'usd',
        checkout_session: session.id,
      },
    ],
    [
      'a won dispute whose fee Stripe returned cost nothing: fee 0.00, net impact 0.00',
      {
        status: 'won',
        balance_transactions: [txn('withdrawal_usd'), txn('reversal_usd_fee_returned')],
      },
      {
        outcome: 'won',
        amount_withdrawn_decimal: '48.60',
        amount_reinstated_decimal: '48.60',
        dispute_fee_decimal: '0.00',
        net_impact_decimal: '0.00',
        balance_currency: 'usd',
      },
    ],
    [
      'a won dispute whose fee was kept: the fee is the whole net cost',
      {
        status: 'won',
        balance_transactions: [
          txn('withdrawal_usd'),
          { ...txn('reversal_usd_fee_returned'), fee: 0, fee_details: [], net: 4860 },
        ],
      },
      { dispute_fee_decimal: '15.00', net_impact_decimal: '-15.00' },
    ],
    [
      'a JPY balance: fee and net impact in whole yen',
      {
        status: 'lost',
        currency: 'jpy',
        amount: 7200,
        balance_transactions: [txn('withdrawal_jpy')],
      },
      {
        amount_decimal: '7200',
        amount_withdrawn_decimal: '7200',
        dispute_fee_decimal: '1500',
        net_impact_decimal: '-8700',
        balance_currency: 'jpy',
      },
    ],
    [
      'paid in EUR, settled in USD: the fee and net impact are in the balance currency (USD)',
      {
        status: 'lost',
        currency: 'eur',
        amount: 4500,
        balance_transactions: [txn('withdrawal_eur_payment_settled_usd')],
      },
      {
        amount_decimal: '45.00',
        currency: 'eur',
        amount_withdrawn_decimal: '48.60',
        dispute_fee_decimal: '15.00',
        net_impact_decimal: '-63.60',
        balance_currency: 'usd',
      },
    ],
  ])('%s', async (_name, closed, expected) => {
    const zap = await turnOnZap(runtime(), 'dispute_closed', { zapId: 'zap-1' });
    orderOf();
    const [record] = await zap.deliver(disputeEvent('charge.dispute.closed', opened(closed)));
    expect(record).toMatchObject(expected);
  });

  it('a won dispute says what was withdrawn and reinstated, in the balance’s currency', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_closed', { zapId: 'zap-1' });
    orderOf();
    // Paid in JPY, settled in USD: the balance moved in USD.
    const won = opened({
      status: 'won',
      currency: 'jpy',
      amount: 7200,
      balance_transactions: [movement(-4860), movement(4860)],
    });
    const [record] = await zap.deliver(disputeEvent('charge.dispute.closed', won));
    expect(record).toMatchObject({
      outcome: 'won',
      amount_decimal: '7200',
      currency: 'jpy',
      amount_withdrawn_decimal: '48.60',
      amount_reinstated_decimal: '48.60',
      balance_currency: 'usd',
    });
  });

  it('does not fire for a dispute being opened, and fires once per closed dispute', async () => {
    const zap = await turnOnZap(runtime(), 'dispute_closed', { zapId: 'zap-1' });
    const unmatched = recordUnmatched();
    expect(await zap.deliver(disputeEvent('charge.dispute.created', opened()))).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    orderOf();
    const won = opened({ status: 'won', balance_transactions: [] });
    const event = disputeEvent('charge.dispute.closed', won);
    expect(await zap.deliver(event)).toHaveLength(1);
    expect(await zap.deliver(disputeEvent('charge.dispute.closed', won))).toEqual([]);
  });

  it('samples only closed disputes', async () => {
    nock(STRIPE_API)
      .get('/v1/disputes')
      .query({ limit: 100 })
      .reply(200, {
        object: 'list',
        data: [opened({ id: 'dp_1QxOpen' }), opened({ id: 'dp_1QxWon', status: 'won' })],
        has_more: false,
        url: '/v1/disputes',
      });
    orderOf();
    const out = await runtime().run<Record<string, unknown>[]>(
      'triggers.dispute_closed.operation.performList',
      makeBundle({ meta: { limit: 3 } }),
    );
    expect(out.map((r) => r.id)).toEqual(['dp_1QxWon']);
  });

  it.each(['dispute_created', 'dispute_closed'] as const)(
    '%s declares every sample key as an output field',
    (key) => {
      const op = App.triggers[key].operation;
      const declared = new Set((op.outputFields as { key: string }[]).map((f) => f.key));
      for (const k of sampleKeys(op.sample as Record<string, unknown>))
        expect(declared).toContain(k);
    },
  );
});

describe('balance movements of a dispute', () => {
  it.each([
    [
      'nothing moved yet',
      [],
      { currency: null, withdrawn: null, reinstated: null, fee: null, net: null },
    ],
    [
      'KWD, three decimals',
      [movement(-12340, 'kwd')],
      { currency: 'kwd', withdrawn: '12.340', reinstated: '0.000', fee: '1.500', net: '-13.840' },
    ],
    [
      'a second currency is not added in',
      [movement(-4860), movement(720, 'jpy'), movement(4860)],
      { currency: 'usd', withdrawn: '48.60', reinstated: '48.60', fee: '15.00', net: '-15.00' },
    ],
  ])('%s', (_name, transactions, expected) => {
    expect(balanceMovements(transactions)).toEqual(expected);
  });
});
