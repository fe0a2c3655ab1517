import type Stripe from 'stripe';
import {
  planRefund,
  planRefunds,
  refundIdempotencyKey,
  RefundRefused,
  SPLIT_KEY,
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
      metadata: { ticket: 'T-9', reason_note: 'Damaged in transit' },
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
    const [first] = planRefunds(targets(newer, older), { amount: '50.00' });
    const marker = (first.params.metadata as Record<string, string>)[SPLIT_KEY];
    const madeBefore = {
      object: 'list',
      data: [{ amount: 3000, status: 'succeeded', metadata: { [SPLIT_KEY]: marker } }],
      has_more: false,
    } as unknown as Stripe.ApiList<Stripe.Refund>;
    const after = charge({
      ...newer,
      amount_refunded: 3000,
      refunded: true,
      refunds: madeBefore,
    });
    const again = planRefunds(targets(after, older), { amount: '50.00' });
    expect(again.map((p) => [p.chargeId, p.amount])).toEqual([['ch_old', 2000]]);
  });
});

describe('planRefund: what is sent', () => {
  it('a refused refund carries the refund_refused code unless told otherwise', () =>
    expect(refused(() => planRefund(charge(), { reason: 'angry' })).code).toBe('refund_refused'));

  it('sends the reason, the Connect flags and the instructions email as given', () => {
    const plan = planRefund(charge(), {
      amount: '10.00',
      reason: ' duplicate ',
      reverseTransfer: true,
      refundApplicationFee: true,
      instructionsEmail: 'ada@example.com',
    });
    expect(plan.params).toEqual({
      charge: 'ch_3QxLumenPaid01',
      amount: 1000,
      reason: 'duplicate',
      reverse_transfer: true,
      refund_application_fee: true,
      instructions_email: 'ada@example.com',
    });
  });

  it('sends only the charge when nothing else is asked', () =>
    expect(planRefund(charge(), { amount: null, note: '  ' }).params).toEqual({
      charge: 'ch_3QxLumenPaid01',
    }));

  it.each([[null], [undefined], [''], ['   ']])(
    'an amount of %j refunds everything left',
    (amount) =>
      expect(planRefund(charge(), { amount })).toMatchObject({ amount: 4860, full: true }),
  );

  it('keeps a note without a reason, trimmed, in metadata', () =>
    expect(planRefund(charge(), { note: '  Customer asked  ' }).params.metadata).toEqual({
      reason_note: 'Customer asked',
    }));

  it('takes a note equal to the metadata it would overwrite, and refuses a different one', () => {
    expect(
      planRefund(charge(), { note: 'Late', metadata: { reason_note: 'Late' } }).params.metadata,
    ).toEqual({ reason_note: 'Late' });
    expect(
      refused(() => planRefund(charge(), { note: 'Late', metadata: { reason_note: 'Lost' } }))
        .message,
    ).toMatch(/^Metadata has a "reason_note" key and Note is filled in too/);
  });

  it('a charge refunded to the last cent is already fully refunded, even before Stripe flags it', () => {
    const err = refused(() =>
      planRefund(charge({ amount_refunded: 4860, refunded: false }), { amount: '1.00' }),
    );
    expect([err.halt, err.message]).toEqual([
      true,
      'ch_3QxLumenPaid01 is already fully refunded (48.60 USD). Nothing was sent.',
    ]);
  });

  it('a failed payment is named as failed, not as uncaptured', () =>
    expect(
      refused(() =>
        planRefund(charge({ status: 'failed', captured: false, amount_captured: 0 }), {}),
      ).message,
    ).toBe(
      'ch_3QxLumenPaid01 is a failed payment: it was declined, so no money was taken and there is nothing to refund.',
    ));

  it('refunds a disputed charge while its dispute allows it, and names the dispute when not', () => {
    const dispute = (over: Partial<Stripe.Dispute>) =>
      ({
        id: 'dp_1Qx',
        status: 'needs_response',
        is_charge_refundable: false,
        ...over,
      }) as Stripe.Dispute;
    expect(
      planRefund(charge({ disputed: true }), {}, dispute({ is_charge_refundable: true })).amount,
    ).toBe(4860);
    expect(refused(() => planRefund(charge({ disputed: true }), {}, dispute({}))).message).toMatch(
      /^ch_3QxLumenPaid01 is disputed \(dispute dp_1Qx: needs response\) and Stripe/,
    );
    expect(refused(() => planRefund(charge({ disputed: true }), {})).message).toMatch(
      /^ch_3QxLumenPaid01 is disputed and Stripe/,
    );
  });

  it('keeps the idempotency keys of earlier releases (a replay after a deploy must match)', () => {
    expect(planRefund(charge(), {}).idempotencyKey).toBe(
      'zapier-refund-84569d0b941c7db3b539ad154dfd92c4236a7cae08a68f34',
    );
    expect(refundIdempotencyKey('ch_3QxLumenPaid01', 500, 'duplicate', 'my-key')).toBe(
      'zapier-refund-160a813fe0ea239e0190f830e55d3e2b877dbe8254b53f01',
    );
    expect(SPLIT_KEY).toBe('zapier_refund_request');
  });
});

describe('planRefunds: which charges, and the re-run of a split refund', () => {
  const pi = 'pi_3QxLumenSplit01';
  const newer = charge({ id: 'ch_new', amount: 3000, amount_captured: 3000, payment_intent: pi });
  const older = charge({ id: 'ch_old', amount: 5000, amount_captured: 5000, payment_intent: pi });
  const both = (a: Stripe.Charge = newer, b: Stripe.Charge = older) => [
    { charge: a, dispute: null },
    { charge: b, dispute: null },
  ];
  const refunds = (...data: Partial<Stripe.Refund>[]) =>
    ({ object: 'list', data, has_more: false }) as unknown as Stripe.ApiList<Stripe.Refund>;
  const marker = (amount = '50.00') =>
    (planRefunds(both(), { amount })[0].params.metadata as Record<string, string>)[SPLIT_KEY];
  const parts = (plans: { chargeId: string; amount: number }[]) =>
    plans.map((p) => [p.chargeId, p.amount]);

  it('a partial amount is filled newest charge first, each part marked with the request', () => {
    const plans = planRefunds(both(), { amount: '50.00' });
    expect(plans.map((p) => [p.chargeId, p.amount, p.full, p.remainingBefore])).toEqual([
      ['ch_new', 3000, true, 3000],
      ['ch_old', 2000, false, 5000],
    ]);
    expect(plans.map((p) => p.params)).toEqual([
      { charge: 'ch_new', amount: 3000, metadata: { [SPLIT_KEY]: marker() } },
      { charge: 'ch_old', amount: 2000, metadata: { [SPLIT_KEY]: marker() } },
    ]);
    expect(marker()).toBe(refundIdempotencyKey(pi, 5000, null, undefined));
  });

  it('no amount refunds each charge in full, each under its own key and without a marker', () => {
    const plans = planRefunds(both(), {});
    expect(plans).toEqual([planRefund(newer, {}), planRefund(older, {})]);
  });

  it('a full refund of each charge keeps the reason, note, metadata and flags asked', () => {
    const asked = {
      reason: 'requested_by_customer',
      note: 'Order cancelled',
      metadata: { ticket: 'T-9' },
      reverseTransfer: true,
    };
    const plans = planRefunds(both(), asked);
    expect(plans).toEqual([planRefund(newer, asked), planRefund(older, asked)]);
    expect(plans[1].params).toEqual({
      charge: 'ch_old',
      reason: 'requested_by_customer',
      metadata: { ticket: 'T-9', reason_note: 'Order cancelled' },
      reverse_transfer: true,
    });
  });

  it('a failed charge and a fully refunded one: says it is already fully refunded', () => {
    const failed = charge({ ...newer, status: 'failed', captured: false, amount_captured: 0 });
    const refunded = charge({ ...older, amount_refunded: 5000, refunded: true });
    const err = refused(() => planRefunds(both(failed, refunded), {}));
    expect([err.halt, err.message]).toEqual([
      true,
      'ch_old is already fully refunded (50.00 USD). Nothing was sent.',
    ]);
  });

  it('everything left, asked as an amount, is the same as a full refund of each charge', () =>
    expect(planRefunds(both(), { amount: '80.00' })).toEqual([
      planRefund(newer, {}),
      planRefund(older, {}),
    ]));

  it('refuses more than is left on all the charges, naming the payment intent', () =>
    expect(refused(() => planRefunds(both(), { amount: '80.10' })).message).toBe(
      `Amount 80.10 USD is more than the 80.00 USD left to refund on ${pi} (over 2 charges). Nothing was sent.`,
    ));

  it('without a payment intent, names the first charge', () => {
    const lone = (c: Stripe.Charge) => charge({ ...c, payment_intent: null });
    expect(
      refused(() => planRefunds(both(lone(newer), lone(older)), { amount: '90.00' })).message,
    ).toMatch(/left to refund on ch_new \(over 2 charges\)/);
    const [first] = planRefunds(both(lone(newer), lone(older)), { amount: '50.00' });
    expect((first.params.metadata as Record<string, string>)[SPLIT_KEY]).toBe(
      refundIdempotencyKey('ch_new,ch_old', 5000, null, undefined),
    );
  });

  it.each([
    ['failed', charge({ ...newer, status: 'failed', captured: false, amount_captured: 0 })],
    ['uncaptured', charge({ ...newer, captured: false, amount_captured: 0 })],
    ['disputed', charge({ ...newer, disputed: true })],
    ['pending', charge({ ...newer, status: 'pending' })],
  ])('a %s charge is left out: the other is refunded as a single charge', (_kind, skipped) =>
    expect(planRefunds(both(skipped, older), { amount: '20.00' })).toEqual([
      planRefund(older, { amount: '20.00' }),
    ]),
  );

  it('a fully refunded charge is left out of a full refund', () =>
    expect(
      planRefunds(both(charge({ ...newer, amount_refunded: 3000, refunded: true }), older), {}),
    ).toEqual([planRefund(older, {})]));

  it('when every charge is fully refunded, says so (a soft halt) instead of sending nothing', () => {
    const done = (c: Stripe.Charge) => charge({ ...c, amount_refunded: c.amount, refunded: true });
    const err = refused(() => planRefunds(both(done(newer), done(older)), {}));
    expect([err.halt, err.message]).toEqual([
      true,
      'ch_new is already fully refunded (30.00 USD). Nothing was sent.',
    ]);
  });

  it('when no charge can be refunded, the first says why', () =>
    expect(
      refused(() =>
        planRefunds(
          both(
            charge({ ...newer, status: 'failed', captured: false, amount_captured: 0 }),
            charge({ ...older, status: 'failed', captured: false, amount_captured: 0 }),
          ),
          {},
        ),
      ).message,
    ).toMatch(/^ch_new is a failed payment/));

  it.each([
    ['another request’s', { amount: 1000, status: 'succeeded', metadata: { [SPLIT_KEY]: 'x' } }],
    ['an unmarked', { amount: 1000, status: 'succeeded', metadata: {} }],
    ['a metadata-less', { amount: 1000, status: 'succeeded', metadata: null }],
  ] as [string, Partial<Stripe.Refund>][])(
    'a re-run does not count %s refund as a part it made',
    (_name, other) => {
      const newerWithOther = charge({ ...newer, amount_refunded: 1000, refunds: refunds(other) });
      expect(parts(planRefunds(both(newerWithOther), { amount: '50.00' }))).toEqual([
        ['ch_new', 2000],
        ['ch_old', 3000],
      ]);
    },
  );

  it.each([['failed'], ['canceled']])('a re-run makes again a part whose refund %s', (status) => {
    const lost = { amount: 3000, status, metadata: { [SPLIT_KEY]: marker() } };
    const newerLost = charge({ ...newer, refunds: refunds(lost as Partial<Stripe.Refund>) });
    expect(parts(planRefunds(both(newerLost), { amount: '50.00' }))).toEqual([
      ['ch_new', 3000],
      ['ch_old', 2000],
    ]);
  });

  it('a re-run after every part was made sends nothing and says so (a soft halt)', () => {
    const made = (c: Stripe.Charge, amount: number) =>
      charge({
        ...c,
        amount_refunded: amount,
        refunded: amount === c.amount,
        refunds: refunds({ amount, status: 'succeeded', metadata: { [SPLIT_KEY]: marker() } }),
      });
    const err = refused(() =>
      planRefunds(both(made(newer, 3000), made(older, 2000)), { amount: '50.00' }),
    );
    expect([err.halt, err.message]).toEqual([
      true,
      `This refund of 50.00 USD on ${pi} (over 2 charges) was already made by an earlier run. Nothing more was sent.`,
    ]);
  });

  it('a re-run after a pending part counts it as made', () => {
    const pending = { amount: 3000, status: 'pending', metadata: { [SPLIT_KEY]: marker() } };
    const newerPending = charge({
      ...newer,
      amount_refunded: 3000,
      refunds: refunds(pending as Partial<Stripe.Refund>),
    });
    const [part] = planRefunds(both(newerPending), { amount: '50.00' });
    expect([part.chargeId, part.amount, part.full]).toEqual(['ch_old', 2000, false]);
  });
});
