import type Stripe from 'stripe';
import {
  MARKER_KEY,
  planRefunds,
  requestMarker,
  type RefundRequest,
} from '../../../lib/refunds/plan';
import { refundIdempotencyKey } from '../../../lib/stripe/idempotency';
import type { ChargeToRefund } from '../../../lib/refunds/resolve';
import { refused } from './refused';
import chargeFixture from '../../fixtures/refunds/charge.json';
import disputeFixture from '../../fixtures/refunds/dispute.json';
import refundFixture from '../../fixtures/refunds/refund.json';

// planRefunds decides refunds over the charges of one payment (newest first), and finds the
// refunds an earlier run of the same request made by the marker in their metadata.

const pi = 'pi_3QxLumenSplit01';
const charge = (over: Partial<Stripe.Charge> = {}): Stripe.Charge => ({
  ...(chargeFixture as unknown as Stripe.Charge),
  payment_intent: pi,
  ...over,
});
const newer = charge({ id: 'ch_new', amount: 3000, amount_captured: 3000 });
const older = charge({ id: 'ch_old', amount: 5000, amount_captured: 5000 });
const of = (...charges: Stripe.Charge[]): ChargeToRefund[] =>
  charges.map((c) => ({ charge: c, dispute: null }));

const refund = (
  chargeId: string,
  amount: number,
  metadata: Record<string, string>,
  status = 'succeeded',
): Stripe.Refund =>
  ({
    ...(refundFixture as unknown as Stripe.Refund),
    id: `re_${chargeId}_${amount}_${status}`,
    charge: chargeId,
    amount,
    status,
    metadata,
  }) as Stripe.Refund;

/** The charge after refunds: what Stripe shows (amount_refunded counts only refunds that give money back). */
const withRefunds = (c: Stripe.Charge, ...refunds: Stripe.Refund[]): Stripe.Charge => {
  const refunded = refunds
    .filter((r) => r.status !== 'failed' && r.status !== 'canceled')
    .reduce((t, r) => t + r.amount, 0);
  return {
    ...c,
    amount_refunded: refunded,
    refunded: refunded === c.amount_captured,
    refunds: { object: 'list', data: refunds, has_more: false, url: '' },
  } as Stripe.Charge;
};

const markerOf = (targets: ChargeToRefund[], request: RefundRequest) =>
  requestMarker(targets, request);
const mark = (targets: ChargeToRefund[], request: RefundRequest = {}) => ({
  [MARKER_KEY]: markerOf(targets, request),
});
const parts = (targets: ChargeToRefund[], request: RefundRequest = {}) =>
  planRefunds(targets, request).plans.map((p) => [p.chargeId, p.amount]);

describe('planRefunds: a first run', () => {
  it('a full refund refunds each charge in full, each with its own key and the one marker', () => {
    const targets = of(newer, older);
    const { plans, earlier } = planRefunds(targets, {});
    expect(earlier).toEqual([]);
    expect(plans.map((p) => [p.chargeId, p.amount, p.full, p.params.amount])).toEqual([
      ['ch_new', 3000, true, undefined],
      ['ch_old', 5000, true, undefined],
    ]);
    expect(plans.map((p) => p.idempotencyKey)).toEqual([
      refundIdempotencyKey('ch_new', 'full', null),
      refundIdempotencyKey('ch_old', 'full', null),
    ]);
    for (const p of plans) expect(p.params.metadata).toEqual(mark(targets));
  });

  it('a full refund skips a charge with nothing left', () => {
    const spent = withRefunds(newer, refund('ch_new', 3000, {}));
    expect(parts(of(spent, older))).toEqual([['ch_old', 5000]]);
  });

  it('a partial amount is filled newest charge first, each part keyed by charge, part and marker', () => {
    const targets = of(newer, older);
    const request = { amount: '40.00', reason: 'duplicate' };
    const marker = markerOf(targets, request);
    const { plans } = planRefunds(targets, request);
    expect(plans.map((p) => [p.chargeId, p.amount, p.full, p.remainingBefore, p.currency])).toEqual(
      [
        ['ch_new', 3000, true, 3000, 'usd'],
        ['ch_old', 1000, false, 5000, 'usd'],
      ],
    );
    expect(plans.map((p) => p.params)).toEqual([
      { charge: 'ch_new', amount: 3000, reason: 'duplicate', metadata: { [MARKER_KEY]: marker } },
      { charge: 'ch_old', amount: 1000, reason: 'duplicate', metadata: { [MARKER_KEY]: marker } },
    ]);
    expect(plans.map((p) => p.idempotencyKey)).toEqual([
      refundIdempotencyKey('ch_new', 3000, 'duplicate', marker),
      refundIdempotencyKey('ch_old', 1000, 'duplicate', marker),
    ]);
  });

  it('a partial amount that fits the newest charge touches only it', () => {
    expect(parts(of(newer, older), { amount: '29.99' })).toEqual([['ch_new', 2999]]);
  });

  it('an amount equal to everything left is the full refund (no amounts sent)', () => {
    const { plans } = planRefunds(of(newer, older), { amount: '80.00' });
    expect(plans.map((p) => [p.chargeId, p.params.amount, p.full])).toEqual([
      ['ch_new', undefined, true],
      ['ch_old', undefined, true],
    ]);
  });

  it('refuses more than is left over all charges, with both figures', () => {
    const err = refused(() => planRefunds(of(newer, older), { amount: '80.01' }));
    expect(err.message).toBe(
      'Amount 80.01 USD is more than the 80.00 USD left to refund on pi_3QxLumenSplit01 (over 2 charges). Nothing was sent.',
    );
  });

  it('keeps the note, metadata and Connect flags on every part', () => {
    const request = {
      amount: '40.00',
      reason: 'other',
      note: 'Late',
      metadata: { ticket: 'T-1' },
      reverseTransfer: true,
      refundApplicationFee: true,
    };
    for (const p of planRefunds(of(newer, older), request).plans)
      expect(p.params).toMatchObject({
        metadata: { ticket: 'T-1', reason_note: 'Late' },
        reverse_transfer: true,
        refund_application_fee: true,
      });
  });

  it('refuses "other" without a note before splitting', () => {
    expect(
      refused(() => planRefunds(of(newer, older), { amount: '40', reason: 'other' })).message,
    ).toMatch(/needs a Note/);
  });
});

describe('planRefunds: which charges count', () => {
  const failed = charge({
    id: 'ch_failed',
    status: 'failed',
    captured: false,
    amount_captured: 0,
  });
  const uncaptured = charge({ id: 'ch_auth', captured: false });
  const blocked: ChargeToRefund = {
    charge: charge({ id: 'ch_disputed', disputed: true }),
    dispute: { ...(disputeFixture as object), is_charge_refundable: false } as Stripe.Dispute,
  };
  const inquiry: ChargeToRefund = {
    charge: charge({ id: 'ch_inquiry', disputed: true, amount: 2000, amount_captured: 2000 }),
    dispute: disputeFixture as unknown as Stripe.Dispute,
  };

  it.each([
    ['a failed charge', failed],
    ['an uncaptured charge', uncaptured],
  ])('%s is passed over: the refund goes to the one that took money', (_name, skipped) => {
    expect(parts(of(skipped, older), { amount: '10.00' })).toEqual([['ch_old', 1000]]);
  });

  it('a disputed charge its dispute blocks is passed over; an inquiry is refundable', () => {
    expect(parts([blocked, ...of(older)])).toEqual([['ch_old', 5000]]);
    expect(parts([inquiry, ...of(older)], { amount: '30.00' })).toEqual([
      ['ch_inquiry', 2000],
      ['ch_old', 1000],
    ]);
  });

  it('with no charge that took money, the first says why nothing can be refunded', () => {
    expect(refused(() => planRefunds(of(failed), {})).message).toMatch(/is a failed payment/);
    expect(refused(() => planRefunds([blocked], {})).message).toMatch(/is disputed/);
  });

  it('with every charge fully refunded by someone else, it halts softly', () => {
    const a = withRefunds(newer, refund('ch_new', 3000, {}));
    const b = withRefunds(older, refund('ch_old', 5000, {}));
    const err = refused(() => planRefunds(of(a, b), {}));
    expect(err.halt).toBe(true);
    expect(err.message).toMatch(/^ch_new is already fully refunded/);
  });
});

describe('planRefunds: a run of the same request again (refund markers)', () => {
  it('a full refund made earlier is reported, nothing is sent, whatever is left now', () => {
    const targets = of(newer, older);
    const m = mark(targets);
    const a = withRefunds(newer, refund('ch_new', 3000, m));
    const b = withRefunds(older, refund('ch_old', 5000, m));
    const { plans, earlier } = planRefunds(of(a, b), {});
    expect(plans).toEqual([]);
    expect(earlier.map((r) => r.charge)).toEqual(['ch_new', 'ch_old']);
  });

  it('a replay is reported before any refusal (the charge is disputed now)', () => {
    const single = of(charge());
    const made = withRefunds(
      charge({ disputed: true }),
      refund(single[0].charge.id, 4860, mark(single)),
    );
    const { plans, earlier } = planRefunds(of(made), {});
    expect(plans).toEqual([]);
    expect(earlier).toHaveLength(1);
  });

  it('a pending refund counts as made', () => {
    const single = of(charge());
    const made = withRefunds(charge(), refund('ch_3QxLumenPaid01', 4860, mark(single), 'pending'));
    expect(planRefunds(of(made), {}).plans).toEqual([]);
  });

  it.each(['failed', 'canceled'])(
    'a %s refund gave nothing back: the refund is made again',
    (status) => {
      const single = of(charge());
      const gone = withRefunds(charge(), refund('ch_3QxLumenPaid01', 4860, mark(single), status));
      const { plans, earlier } = planRefunds(of(gone), {});
      expect(plans.map((p) => [p.chargeId, p.amount])).toEqual([['ch_3QxLumenPaid01', 4860]]);
      expect(earlier).toEqual([]);
    },
  );

  it("refunds without this request's marker are not this request's: what is left is refunded", () => {
    const single = of(charge());
    const other = withRefunds(
      charge(),
      refund('ch_3QxLumenPaid01', 1000, {}),
      refund('ch_3QxLumenPaid01', 500, mark(single, { amount: '5.00' })),
    );
    const { plans, earlier } = planRefunds(of(other), {});
    expect(plans.map((p) => p.amount)).toEqual([3360]);
    expect(earlier).toEqual([]);
  });

  it('a full refund that stopped half way makes only the charge still open', () => {
    const targets = of(newer, older);
    const a = withRefunds(newer, refund('ch_new', 3000, mark(targets)));
    const { plans, earlier } = planRefunds(of(a, older), {});
    expect(plans.map((p) => [p.chargeId, p.amount])).toEqual([['ch_old', 5000]]);
    expect(earlier.map((r) => r.charge)).toEqual(['ch_new']);
  });

  it('a split partial refund made in full earlier is reported, nothing is sent', () => {
    const request = { amount: '50.00' };
    const m = mark(of(newer, older), request);
    const a = withRefunds(newer, refund('ch_new', 3000, m));
    const b = withRefunds(older, refund('ch_old', 2000, m));
    const { plans, earlier } = planRefunds(of(a, b), request);
    expect(plans).toEqual([]);
    expect(earlier.map((r) => r.amount)).toEqual([3000, 2000]);
  });

  it("a split partial refund that stopped half way makes the missing part with the first run's key", () => {
    const request = { amount: '50.00' };
    const first = planRefunds(of(newer, older), request).plans;
    const m = mark(of(newer, older), request);
    const a = withRefunds(newer, refund('ch_new', 3000, m));
    const again = planRefunds(of(a, older), request).plans;
    expect(again.map((p) => [p.chargeId, p.amount, p.idempotencyKey])).toEqual([
      ['ch_old', 2000, first[1].idempotencyKey],
    ]);
    expect(again[0].full).toBe(false);
  });

  it('a split part that failed is made again; an unrelated refund is not counted as done', () => {
    const request = { amount: '50.00' };
    const m = mark(of(newer, older), request);
    const a = withRefunds(newer, refund('ch_new', 3000, m, 'failed'));
    expect(parts(of(a, older), request)).toEqual([
      ['ch_new', 3000],
      ['ch_old', 2000],
    ]);
    const unrelated = withRefunds(older, refund('ch_old', 2000, {}));
    const b = withRefunds(newer, refund('ch_new', 3000, m));
    // 30.00 of this request made; 20.00 refunded on the older charge by someone else.
    expect(parts(of(b, unrelated), request)).toEqual([['ch_old', 2000]]);
  });

  it('counts the parts made earlier toward the most it may refund', () => {
    const request = { amount: '50.00' };
    const m = mark(of(newer, older), request);
    const a = withRefunds(newer, refund('ch_new', 3000, m));
    const b = withRefunds(older, refund('ch_old', 4000, {}));
    // 30.00 made by this request, 10.00 left: the missing 20.00 does not fit.
    expect(refused(() => planRefunds(of(a, b), request)).message).toBe(
      'Amount 50.00 USD is more than the 40.00 USD left to refund on pi_3QxLumenSplit01 (over 2 charges). Nothing was sent.',
    );
  });

  describe('with other details than the refund it made', () => {
    const single = of(charge());
    const made = (metadata: Record<string, string>) =>
      withRefunds(charge(), refund('ch_3QxLumenPaid01', 4860, { ...metadata, ...mark(single) }));

    it('the same note and metadata: reported as made', () => {
      const request = { note: 'Late', metadata: { ticket: 'T-1' } };
      expect(planRefunds(of(made({ ticket: 'T-1', reason_note: 'Late' })), request).plans).toEqual(
        [],
      );
    });

    it.each([
      [
        'a changed note',
        { ticket: 'T-1', reason_note: 'Late' },
        { note: 'Early', metadata: { ticket: 'T-1' } },
      ],
      [
        'a key the refund lacks',
        { reason_note: 'Late' },
        { note: 'Late', metadata: { ticket: 'T-1' } },
      ],
      ['a key the request lacks', { ticket: 'T-1', reason_note: 'Late' }, { note: 'Late' }],
    ])('%s: refused, naming the refund, nothing more refunded', (_name, stored, request) => {
      const err = refused(() => planRefunds(of(made(stored)), request));
      expect(err.code).toBe('idempotency_key_reused');
      expect(err.message).toMatch(
        /^This refund was already made: re_ch_3QxLumenPaid01_4860_succeeded \(48\.60 USD, succeeded, /,
      );
    });
  });
});

describe('planRefunds: one charge, and charges that cannot be refunded', () => {
  it('one charge is planned as planRefund plans it (its own key, no marker in the key)', () => {
    const { plans } = planRefunds(of(charge()), { amount: '5.00' });
    expect(plans.map((p) => [p.chargeId, p.amount, p.idempotencyKey])).toEqual([
      ['ch_3QxLumenPaid01', 500, refundIdempotencyKey('ch_3QxLumenPaid01', 500, null)],
    ]);
  });

  it.each([
    ['failed', charge({ id: 'ch_failed', status: 'failed', captured: false, amount_captured: 0 })],
    ['uncaptured', charge({ id: 'ch_auth', captured: false })],
  ])("a %s charge beside one that took money: the refund is that one charge's", (_n, skipped) => {
    expect(refused(() => planRefunds(of(skipped, older), { amount: '60.00' })).message).toBe(
      'Amount 60.00 USD is more than the 50.00 USD left to refund on ch_old. Nothing was sent.',
    );
    expect(planRefunds(of(skipped, older), { amount: '10.00' }).plans[0].idempotencyKey).toBe(
      refundIdempotencyKey('ch_old', 1000, null),
    );
  });

  it('a failed plus a fully refunded charge says fully refunded (a soft halt)', () => {
    const failed = charge({
      id: 'ch_failed',
      status: 'failed',
      captured: false,
      amount_captured: 0,
    });
    const spent = withRefunds(older, refund('ch_old', 5000, {}));
    const err = refused(() => planRefunds(of(failed, spent), {}));
    expect(err.halt).toBe(true);
    expect(err.message).toMatch(/^ch_old is already fully refunded/);
  });

  it('a full refund over several charges keeps the reason, note, metadata and flags', () => {
    const request = {
      reason: 'other',
      note: 'Late',
      metadata: { ticket: 'T-1' },
      reverseTransfer: true,
      refundApplicationFee: true,
      instructionsEmail: 'ada@example.com',
    };
    for (const amount of [undefined, '80.00']) {
      const { plans } = planRefunds(of(newer, older), { ...request, amount });
      expect(plans).toHaveLength(2);
      for (const p of plans)
        expect(p.params).toMatchObject({
          metadata: { ticket: 'T-1', reason_note: 'Late' },
          reverse_transfer: true,
          refund_application_fee: true,
          instructions_email: 'ada@example.com',
        });
    }
  });
});

describe('planRefunds: a partial refund run again', () => {
  const single = of(charge());
  const request = { amount: '5.00', note: 'Late' };
  const made = (metadata: Record<string, string>) =>
    withRefunds(
      charge(),
      refund('ch_3QxLumenPaid01', 500, { ...metadata, ...mark(single, request) }),
    );

  it('on one charge with money left: reported as made, nothing sent again', () => {
    const { plans, earlier } = planRefunds(of(made({ reason_note: 'Late' })), request);
    expect(plans).toEqual([]);
    expect(earlier.map((r) => r.amount)).toEqual([500]);
  });

  it('with another note: refused as made with other details, not refunded again', () => {
    expect(refused(() => planRefunds(of(made({ reason_note: 'Early' })), request)).code).toBe(
      'idempotency_key_reused',
    );
  });

  it("a refund with no metadata at all is not this request's", () => {
    const bare = withRefunds(charge(), {
      ...refund('ch_3QxLumenPaid01', 500, {}),
      metadata: null,
    } as unknown as Stripe.Refund);
    expect(parts(of(bare), request)).toEqual([['ch_3QxLumenPaid01', 500]]);
  });

  it('split over two charges, made in full, with another note: refused', () => {
    const splitRequest = { amount: '50.00', note: 'Late' };
    const m = mark(of(newer, older), splitRequest);
    const a = withRefunds(newer, refund('ch_new', 3000, { ...m, reason_note: 'Early' }));
    const b = withRefunds(older, refund('ch_old', 2000, { ...m, reason_note: 'Early' }));
    expect(refused(() => planRefunds(of(a, b), splitRequest)).code).toBe('idempotency_key_reused');
  });
});
