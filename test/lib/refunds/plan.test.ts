import type Stripe from 'stripe';
import {
  planRefund,
  planRefunds,
  RefundRefused,
  MARKER_KEY,
  checkReason,
  requestMarker,
  alreadyMadeWithOtherDetails,
  refundableAmount,
} from '../../../lib/refunds/plan';
import { refundIdempotencyKey } from '../../../lib/stripe/idempotency';
import { refused } from './refused';
import fixture from '../../fixtures/refunds/charge.json';
import disputeFixture from '../../fixtures/refunds/dispute.json';
import refundFixture from '../../fixtures/refunds/refund.json';

const charge = (over: Partial<Stripe.Charge> = {}) => ({
  ...(fixture as unknown as Stripe.Charge),
  ...over,
});

describe('planRefund', () => {
  it('refunds everything left when no amount is given', () => {
    const plan = planRefund(charge({ amount_refunded: 1000 }), {});
    expect(plan).toMatchObject({
      amount: 3860,
      full: true,
      remainingBefore: 3860,
      params: { charge: 'ch_3QxLumenPaid01' },
    });
    expect(plan.params.amount).toBeUndefined();
  });

  it.each([
    ['usd', 4860, '12.50', 1250],
    ['jpy', 5000, '1200', 1200],
    ['kwd', 5000, '1.250', 1250],
  ])('parses %s amounts in their own precision', (currency, amount, text, minor) => {
    const plan = planRefund(charge({ currency, amount, amount_captured: amount }), {
      amount: text,
    });
    expect(plan.params.amount).toBe(minor);
    expect(plan.full).toBe(false);
  });

  it.each([
    ['-5', /negative/],
    ['0', /zero/],
    ['12.505', /ambiguous in USD/],
    ['12.5055', /2 decimals/],
    ['twelve', /not an amount/],
  ])('refuses the amount %j', (amount, message) => {
    expect(refused(() => planRefund(charge(), { amount })).message).toMatch(message);
  });

  it('refuses JPY decimals', () => {
    expect(
      refused(() => planRefund(charge({ currency: 'jpy' }), { amount: '12.5' })).message,
    ).toMatch(/JPY has no minor unit/);
  });

  it('refuses an over-refund with both figures', () => {
    const err = refused(() => planRefund(charge({ amount_refunded: 4000 }), { amount: '10.00' }));
    expect(err.message).toBe(
      'Amount 10.00 USD is more than the 8.60 USD left to refund on ch_3QxLumenPaid01. Nothing was sent.',
    );
    expect(err.halt).toBe(false);
  });

  it('halts softly when already fully refunded', () => {
    const err = refused(() => planRefund(charge({ amount_refunded: 4860, refunded: true }), {}));
    expect(err.halt).toBe(true);
    expect(err.message).toMatch(/already fully refunded \(48\.60 USD\)/);
  });

  it('refuses disputed and uncaptured charges', () => {
    expect(refused(() => planRefund(charge({ disputed: true }), {})).message).toMatch(/disputed/);
    expect(
      refused(() => planRefund(charge({ captured: false, amount_captured: 0 }), {})).message,
    ).toMatch(/never captured/);
  });

  it('"other" needs a note, which goes to metadata; the reason param is omitted', () => {
    expect(refused(() => planRefund(charge(), { reason: 'other' })).message).toMatch(
      /needs a Note/,
    );
    const plan = planRefund(charge(), {
      reason: 'other',
      note: 'Damaged in transit',
      metadata: { ticket: 'T-9' },
    });
    expect(plan.params).toEqual({
      charge: 'ch_3QxLumenPaid01',
      metadata: {
        ticket: 'T-9',
        reason_note: 'Damaged in transit',
        [MARKER_KEY]: expect.stringMatching(/^zapier-refund-/),
      },
    });
  });

  it('refuses an unknown reason', () => {
    expect(refused(() => planRefund(charge(), { reason: 'angry' })).message).toMatch(/not one of/);
  });
});

describe('refund idempotency keys', () => {
  it('are stable across retries of the same refund', () => {
    expect(planRefund(charge(), { amount: '5' }).idempotencyKey).toBe(
      planRefund(charge(), { amount: '5.00' }).idempotencyKey,
    );
  });

  it('differ when the amount, reason or user key differs', () => {
    const keys = new Set([
      planRefund(charge(), { amount: '5' }).idempotencyKey,
      planRefund(charge(), { amount: '6' }).idempotencyKey,
      planRefund(charge(), { amount: '5', reason: 'duplicate' }).idempotencyKey,
      planRefund(charge(), { amount: '5', idempotencyKey: 'second-refund' }).idempotencyKey,
      planRefund(charge(), {}).idempotencyKey,
    ]);
    expect(keys.size).toBe(5);
  });

  it("fit Stripe's 255-character limit and reveal nothing", () => {
    const key = refundIdempotencyKey('ch_1', 'full', null, 'x'.repeat(1000));
    expect(key.length).toBeLessThanOrEqual(255);
    expect(key).toMatch(/^zapier-refund-[0-9a-f]{48}$/);
  });
});

describe('planRefunds across several charges', () => {
  const pi = 'pi_3QxLumenSplit01';
  const newer = charge({ id: 'ch_new', amount: 3000, amount_captured: 3000, payment_intent: pi });
  const older = charge({ id: 'ch_old', amount: 5000, amount_captured: 5000, payment_intent: pi });
  const targets = (a: Stripe.Charge, b: Stripe.Charge) => [
    { charge: a, dispute: null },
    { charge: b, dispute: null },
  ];

  it('a re-run never refunds more than asked, even when what is left equals the amount', () => {
    // Asked 50.00: 30.00 on the newer charge was made, the 20.00 on the older one failed.
    const {
      plans: [first],
    } = planRefunds(targets(newer, older), { amount: '50.00' });
    const marker = (first.params.metadata as Record<string, string>)[MARKER_KEY];
    const madeBefore = {
      object: 'list',
      data: [{ amount: 3000, status: 'succeeded', metadata: { [MARKER_KEY]: marker } }],
      has_more: false,
    } as unknown as Stripe.ApiList<Stripe.Refund>;
    const after = charge({
      ...newer,
      amount_refunded: 3000,
      refunded: true,
      refunds: madeBefore,
    });
    const again = planRefunds(targets(after, older), { amount: '50.00' });
    expect(again.plans.map((p) => [p.chargeId, p.amount])).toEqual([['ch_old', 2000]]);
  });
});

describe('planRefund: which charges it refuses, and how', () => {
  it('halts softly when the whole capture is refunded even if Stripe has not set refunded yet', () => {
    const err = refused(() => planRefund(charge({ amount_refunded: 4860, refunded: false }), {}));
    expect(err.halt).toBe(true);
    expect(err.message).toBe(
      'ch_3QxLumenPaid01 is already fully refunded (48.60 USD). Nothing was sent.',
    );
  });

  it('refunds the last cent left (one minor unit is not "fully refunded")', () => {
    const plan = planRefund(charge({ amount_refunded: 4859 }), {});
    expect(plan).toMatchObject({ amount: 1, full: true, remainingBefore: 1 });
  });

  it('says a failed payment took no money (not that it was never captured)', () => {
    const err = refused(() =>
      planRefund(
        charge({ status: 'failed', captured: false, amount_captured: 0, paid: false }),
        {},
      ),
    );
    expect(err.message).toBe(
      'ch_3QxLumenPaid01 is a failed payment: it was declined, so no money was taken and there is nothing to refund.',
    );
    expect(err.halt).toBe(false);
  });

  it('an uncaptured charge has nothing left, whatever amount_captured says', () => {
    const err = refused(() => planRefund(charge({ captured: false }), { amount: '1.00' }));
    expect(err.message).toBe(
      'ch_3QxLumenPaid01 was authorised but never captured, so there is nothing to refund: cancel the payment instead.',
    );
  });

  it('names the dispute and its status in plain words when it blocks the refund', () => {
    const dispute = {
      ...(disputeFixture as unknown as Stripe.Dispute),
      is_charge_refundable: false,
      status: 'needs_response',
    } as Stripe.Dispute;
    const err = refused(() => planRefund(charge({ disputed: true }), {}, dispute));
    expect(err.message).toMatch(
      /^ch_3QxLumenPaid01 is disputed \(dispute dp_1QxLumenInquiry1: needs response\) and Stripe does not allow refunding it now\. Respond/,
    );
  });

  it('a disputed charge with no dispute read says so without a dispute id', () => {
    const err = refused(() => planRefund(charge({ disputed: true }), {}, null));
    expect(err.message).toMatch(/^ch_3QxLumenPaid01 is disputed and Stripe does not allow/);
  });

  it('refunds a disputed charge while its dispute allows it (an inquiry)', () => {
    const dispute = disputeFixture as unknown as Stripe.Dispute;
    expect(planRefund(charge({ disputed: true }), {}, dispute)).toMatchObject({ amount: 4860 });
  });

  it('a dispute on a charge Stripe does not mark disputed changes nothing', () => {
    const dispute = {
      ...(disputeFixture as object),
      is_charge_refundable: false,
    } as Stripe.Dispute;
    expect(planRefund(charge(), {}, dispute)).toMatchObject({ amount: 4860 });
  });
});

describe('planRefund: what it sends', () => {
  it('an amount equal to everything left is a full refund (no amount sent, the full key)', () => {
    const plan = planRefund(charge(), { amount: '48.60' });
    expect(plan.full).toBe(true);
    expect(plan.params.amount).toBeUndefined();
    expect(plan.idempotencyKey).toBe(planRefund(charge(), {}).idempotencyKey);
    expect(plan.idempotencyKey).toBe(refundIdempotencyKey('ch_3QxLumenPaid01', 'full', null));
  });

  it('a partial amount is sent with its own key', () => {
    const plan = planRefund(charge(), { amount: '48.59', reason: 'duplicate' });
    expect(plan).toMatchObject({ amount: 4859, full: false, currency: 'usd' });
    expect(plan.params).toMatchObject({ amount: 4859, reason: 'duplicate' });
    expect(plan.idempotencyKey).toBe(refundIdempotencyKey('ch_3QxLumenPaid01', 4859, 'duplicate'));
  });

  it('reads a number amount and treats a blank one as everything left', () => {
    expect(planRefund(charge(), { amount: 12.5 }).params.amount).toBe(1250);
    expect(planRefund(charge(), { amount: '   ' })).toMatchObject({ full: true, amount: 4860 });
    expect(planRefund(charge(), { amount: null })).toMatchObject({ full: true, amount: 4860 });
  });

  it('passes the Connect flags and the instructions email only when asked', () => {
    const plan = planRefund(charge(), {
      reverseTransfer: true,
      refundApplicationFee: true,
      instructionsEmail: 'ada@example.com',
    });
    expect(plan.params).toMatchObject({
      reverse_transfer: true,
      refund_application_fee: true,
      instructions_email: 'ada@example.com',
    });
    const plain = planRefund(charge(), { reverseTransfer: false, refundApplicationFee: false });
    expect(Object.keys(plain.params).sort()).toEqual(['charge', 'metadata']);
  });

  it('trims the reason and the note; a note alone is stored without a reason', () => {
    const plan = planRefund(charge(), { reason: '  fraudulent ', note: '  Stolen card  ' });
    expect(plan.params.reason).toBe('fraudulent');
    expect(plan.params.metadata).toMatchObject({ reason_note: 'Stolen card' });
    const noteOnly = planRefund(charge(), { reason: '  ', note: 'Asked by phone' });
    expect(noteOnly.params.reason).toBeUndefined();
    expect(noteOnly.params.metadata).toMatchObject({ reason_note: 'Asked by phone' });
    expect(checkReason(undefined, '  ')).toEqual({ reason: null, note: null });
    expect(checkReason('other', ' why ')).toEqual({ reason: 'other', note: 'why' });
  });

  it('"other" with a blank note is refused', () => {
    expect(refused(() => planRefund(charge(), { reason: 'other', note: '   ' })).message).toBe(
      'Reason "other" needs a Note explaining the refund (as the Stripe Dashboard asks).',
    );
    expect(refused(() => planRefund(charge(), { reason: ' angry ' })).message).toBe(
      'Reason "angry" is not one of: duplicate, fraudulent, requested_by_customer, other.',
    );
  });

  it('stores the request marker on the refund, the same before and after it', () => {
    const plan = planRefund(charge(), { amount: '5.00' });
    const marker = (plan.params.metadata as Record<string, string>)[MARKER_KEY];
    expect(marker).toBe(refundIdempotencyKey('pi_3QxLumenPaid01', 500, null));
    const after = planRefund(charge({ amount_refunded: 500 }), { amount: '5.00' });
    expect((after.params.metadata as Record<string, string>)[MARKER_KEY]).toBe(marker);
  });
});

describe('planRefund: metadata it keeps for itself', () => {
  it(`refuses the user's own ${MARKER_KEY} key`, () => {
    const err = refused(() => planRefund(charge(), { metadata: { [MARKER_KEY]: 'mine' } }));
    expect(err.message).toMatch(/^Metadata has a "zapier_refund_request" key, which this step/);
  });

  it('refuses a reason_note key that disagrees with the Note, accepts one that agrees', () => {
    const err = refused(() => planRefund(charge(), { note: 'A', metadata: { reason_note: 'B' } }));
    expect(err.message).toMatch(/^Metadata has a "reason_note" key and Note is filled in too/);
    const same = planRefund(charge(), { note: 'A', metadata: { reason_note: 'A' } });
    expect(same.params.metadata).toMatchObject({ reason_note: 'A' });
    const noNote = planRefund(charge(), { metadata: { reason_note: 'B' } });
    expect(noNote.params.metadata).toMatchObject({ reason_note: 'B' });
  });

  const keys = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it("fits Stripe's 50 keys with the marker (49 of the user's own), refuses 50", () => {
    expect(Object.keys(planRefund(charge(), { metadata: keys(49) }).params.metadata!)).toHaveLength(
      50,
    );
    expect(refused(() => planRefund(charge(), { metadata: keys(50) })).message).toBe(
      'Stripe keeps at most 50 metadata keys and this step needs one (zapier_refund_request): give at most 49 of your own. Nothing was sent.',
    );
  });

  it('counts the Note as a key too', () => {
    expect(
      Object.keys(planRefund(charge(), { note: 'n', metadata: keys(48) }).params.metadata!),
    ).toHaveLength(50);
    expect(refused(() => planRefund(charge(), { note: 'n', metadata: keys(49) })).message).toBe(
      'Stripe keeps at most 50 metadata keys and this step needs one (zapier_refund_request, plus reason_note for the Note): give at most 48 of your own. Nothing was sent.',
    );
  });
});

describe('requestMarker', () => {
  it('names the payment, whether its id is a string or expanded', () => {
    const expanded = charge({
      payment_intent: { id: 'pi_3QxLumenPaid01' } as Stripe.PaymentIntent,
    });
    expect(requestMarker([{ charge: expanded, dispute: null }], {})).toBe(
      refundIdempotencyKey('pi_3QxLumenPaid01', 'full', null),
    );
  });

  it('names the charges when there is no payment intent', () => {
    const a = charge({ id: 'ch_a', payment_intent: null });
    const b = charge({ id: 'ch_b', payment_intent: null });
    expect(
      requestMarker(
        [
          { charge: a, dispute: null },
          { charge: b, dispute: null },
        ],
        { reason: 'duplicate', idempotencyKey: 'k1' },
      ),
    ).toBe(refundIdempotencyKey('ch_a,ch_b', 'full', 'duplicate', 'k1'));
  });
});

describe('alreadyMadeWithOtherDetails', () => {
  it('names the refund it made: id, amount, status, date', () => {
    const err = alreadyMadeWithOtherDetails(
      refundFixture as unknown as Stripe.Refund,
      'ch_3QxLumenPaid01',
    );
    expect(err.code).toBe('idempotency_key_reused');
    expect(err.halt).toBe(false);
    expect(err.message).toBe(
      "This refund was already made: re_3QxLumenRefund01 (48.60 USD, succeeded, 2025-11-23T12:13:20.000Z), with other details (note, metadata…). Nothing more was refunded. Edit that refund's metadata in the Stripe Dashboard if needed.",
    );
  });

  it('names the charge when the refund itself is not known', () => {
    expect(alreadyMadeWithOtherDetails(undefined, 'ch_9').message).toMatch(
      /^This refund was already requested on ch_9, with other details/,
    );
  });
});

describe('refundableAmount', () => {
  it('is what was captured less what was refunded; nothing when not captured', () => {
    expect(refundableAmount({ captured: true, amount_captured: 4860, amount_refunded: 60 })).toBe(
      4800,
    );
    expect(refundableAmount({ captured: false, amount_captured: 4860, amount_refunded: 0 })).toBe(
      0,
    );
  });
});

describe('RefundRefused', () => {
  it('a refusal carries the refund_refused code unless it names another', () => {
    expect(new RefundRefused('x').code).toBe('refund_refused');
    expect(refused(() => planRefund(charge(), { reason: 'angry' })).code).toBe('refund_refused');
  });
});
