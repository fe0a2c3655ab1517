import { MARKER_KEY } from '../../lib/refunds/plan';
import { toDecimalString } from '../../lib/money';
import { StripeStandIn, IDEMPOTENCY_KEY_LIFE_SECONDS } from '../conformance/stripe-standin';
import type { StripeObject } from '../conformance/stripe-world';
import { makeBundle } from '../helpers';
import { ZapierRuntime } from '../runtime';

/**
 * Refunds are made once across time (Stripe forgets idempotency keys after 24 hours) and across
 * runs at once: driven through Zapier's real handler against the stateful Stripe stand-in, whose
 * idempotency keys expire on a clock the test moves.
 */
type Out = Record<string, unknown> & { note: string };
const TWO_DAYS = 2 * 24 * 60 * 60;
let runtime: ZapierRuntime;
let stripe: StripeStandIn;

beforeAll(async () => {
  runtime = await new ZapierRuntime().start();
});
afterAll(() => runtime.stop());
beforeEach(() => {
  stripe = new StripeStandIn();
  stripe.install(() => undefined);
});
afterEach(() => expect(stripe.unhandled).toEqual([]));

const run = <T = Out>(key: string, inputData: Record<string, unknown>) =>
  runtime.run<T>(`creates.${key}.operation.perform`, makeBundle({ inputData }));
const refund = (inputData: Record<string, unknown>) => run('create_refund', inputData);

/** A paid payment, what it has left, and the refunds this test makes on it. */
function payment(slot = 0): { intent: string; left: number; made: () => StripeObject[] } {
  const session = stripe.world.paidSessions()[slot];
  const intent = String(session.payment_intent);
  const charge = stripe.world.byId.get(String(stripe.world.byId.get(intent)!.latest_charge))!;
  const before = new Set(stripe.world.refunds.map((r) => r.id));
  return {
    intent,
    left: Number(charge.amount) - Number(charge.amount_refunded),
    made: () => stripe.world.refunds.filter((r) => r.charge === charge.id && !before.has(r.id)),
  };
}
const money = (minor: number) => toDecimalString(minor, 'usd');

describe('create_refund: once, across time and runs at once', () => {
  it('a partial refund replayed two days later is found by its marker, even though more was asked than is now left', async () => {
    const { intent, left: total, made } = payment();
    const asked = Math.floor(total * 0.6);
    const first = await refund({ payment: intent, amount: money(asked) });
    expect(first).toMatchObject({ replayed: false, remaining_refundable: total - asked });

    stripe.advance(TWO_DAYS);
    expect(TWO_DAYS).toBeGreaterThan(IDEMPOTENCY_KEY_LIFE_SECONDS);
    const again = await refund({ payment: intent, amount: money(asked) });
    expect(again).toMatchObject({
      replayed: true,
      id: first.id,
      amount: asked,
      remaining_refundable: total - asked,
    });
    expect(again.note).toMatch(/^Already made by an earlier run/);
    expect(made()).toHaveLength(1);
    expect((made()[0].metadata as Record<string, string>)[MARKER_KEY]).toMatch(/^zapier-refund-/);
  });

  it('a full refund replayed after 24 hours reports the refund it made', async () => {
    const { intent, made } = payment(1);
    const first = await refund({ payment: intent });
    stripe.advance(TWO_DAYS);
    const again = await refund({ payment: intent });
    expect(again).toMatchObject({ replayed: true, id: first.id, full_refund: true });
    expect(made()).toHaveLength(1);
  });

  it("a refund made now is reported as made now when the SDK's retry got Stripe's replay", async () => {
    const { intent, left: total, made } = payment(2);
    stripe.dropAfterAnswering('POST', '/v1/refunds');
    const out = await refund({ payment: intent, amount: '10.00' });
    const posts = stripe.calls.filter((c) => c.method === 'POST' && c.path === '/v1/refunds');
    expect(posts).toHaveLength(2);
    expect(out).toMatchObject({ replayed: false, remaining_refundable: total - 1000 });
    expect(out.note).not.toMatch(/earlier run/);
    expect(made()).toHaveLength(1);
  });

  it('two runs of the same refund at once make one refund', async () => {
    const { intent, made } = payment(3);
    await Promise.all([
      refund({ payment: intent, amount: '5.00' }),
      refund({ payment: intent, amount: '5.00' }),
    ]);
    expect(made()).toHaveLength(1);
  });

  it('a bulk refund run again two days later refunds nothing more, and names the refund made', async () => {
    const { intent, made } = payment(4);
    type Bulk = { counts: Record<string, number>; lines: { message: string }[] };
    const first = await run<Bulk>('bulk_refund', { payments: [intent] });
    expect(first.counts.refunded).toBe(1);
    stripe.advance(TWO_DAYS);
    const again = await run<Bulk>('bulk_refund', { payments: [intent] });
    expect(again.counts).toMatchObject({ refunded: 0, already_refunded: 1 });
    expect(again.lines[0].message).toMatch(/earlier run.*re_/);
    expect(made()).toHaveLength(1);
  });
});
