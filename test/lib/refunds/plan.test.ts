import type Stripe from 'stripe';
import {
  planRefund,
  planRefunds,
  refundIdempotencyKey,
  RefundRefused,
  MARKER_KEY,
} from '../../../lib/refunds/plan';
import fixture from '../../fixtures/refunds/charge.json';

const charge = (over: Partial<Stripe.Charge> = {}) => ({
  ...(fixture as unknown as Stripe.Charge),
  ...over,
});
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RefundRefused) return err;
    throw err;
  }
  throw new Error('not refused');
};

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
