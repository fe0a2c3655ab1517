import nock from 'nock';
import { errors, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { bulkRefund } from '../../lib/refunds/bulk';
import { stripeClient } from '../../lib/stripe/client';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import { appTester, authData, caught, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';

const perform = (
  App.creates.bulk_refund.operation as unknown as Record<string, Parameters<typeof appTester>[0]>
).perform;
const stripe = stripeClient({ errors } as unknown as ZObject, authData);
const later = () => Date.now() + 20_000;
const chargeReply = (id: string, over: object = {}) =>
  nock(STRIPE_API)
    .get(`/v1/charges/${id}`)
    .reply(200, { ...charge, id, ...over });
const refundReply = (id: string) =>
  nock(STRIPE_API)
    .post('/v1/refunds', (b) => b.charge === id)
    .reply(200, { ...refund, id: `re_${id.slice(3)}`, charge: id });

describe('bulk refunds', () => {
  it('reports each payment: refunded, already refunded, failed — and counts them', async () => {
    chargeReply('ch_3QxBulk0000001');
    refundReply('ch_3QxBulk0000001');
    chargeReply('ch_3QxBulk0000002', { refunded: true, amount_refunded: 4860 });
    chargeReply('ch_3QxBulk0000003', { disputed: true });
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000001', 'ch_3QxBulk0000002', 'ch_3QxBulk0000003', 'not-an-id'],
      'duplicate',
      { deadline: later() },
    );
    expect(result.counts).toEqual({
      refunded: 1,
      already_refunded: 1,
      failed: 2,
      not_attempted: 0,
    });
    expect(result.lines.map((l) => [l.payment, l.outcome])).toEqual([
      ['ch_3QxBulk0000001', 'refunded'],
      ['ch_3QxBulk0000002', 'already_refunded'],
      ['ch_3QxBulk0000003', 'failed'],
      ['not-an-id', 'failed'],
    ]);
    expect(result.lines[0]).toMatchObject({
      refund_id: 're_3QxBulk0000001',
      amount_decimal: '48.60',
      message: 'Refunded 48.60 USD (succeeded).',
    });
    expect(result.lines[2].message).toMatch(/disputed/);
  });

  it('keeps going when one payment fails at Stripe (partial failure)', async () => {
    chargeReply('ch_3QxBulk0000004');
    nock(STRIPE_API)
      .post('/v1/refunds', (b) => b.charge === 'ch_3QxBulk0000004')
      .reply(400, {
        error: {
          type: 'invalid_request_error',
          code: 'amount_too_large',
          message: 'Refund amount is greater than unrefunded amount on charge.',
        },
      });
    chargeReply('ch_3QxBulk0000005');
    refundReply('ch_3QxBulk0000005');
    const result = await bulkRefund(stripe, ['ch_3QxBulk0000004', 'ch_3QxBulk0000005'], null, {
      deadline: later(),
    });
    expect(result.lines.map((l) => l.outcome)).toEqual(['failed', 'refunded']);
    expect(result.lines[0].message).toMatch(
      /greater than unrefunded amount on charge\. \[amount_too_large\]/,
    );
  });

  it('retries a 429 within the time budget', async () => {
    chargeReply('ch_3QxBulk0000006');
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(429, {
        error: {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message: 'Too many requests hit the API too quickly.',
        },
      });
    refundReply('ch_3QxBulk0000006');
    const slept: number[] = [];
    const result = await bulkRefund(stripe, ['ch_3QxBulk0000006'], null, {
      deadline: later(),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(result.counts.refunded).toBe(1);
    expect(slept).toHaveLength(1);
  });

  it('leaves what it cannot start before the deadline as not attempted, and sends nothing for them', async () => {
    const unmatched = recordUnmatched();
    const result = await bulkRefund(stripe, ['ch_3QxBulk0000007', 'pi_3QxBulk0000008'], null, {
      deadline: Date.now() - 1,
    });
    unmatched.stop();
    expect(result.counts).toEqual({
      refunded: 0,
      already_refunded: 0,
      failed: 0,
      not_attempted: 2,
    });
    expect(unmatched.urls).toEqual([]);
  });

  it('stops starting new refunds when the clock passes the deadline mid-run', async () => {
    let clock = 1_000;
    chargeReply('ch_3QxBulk0000009');
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(
        () => ((clock = 60_000), [200, { ...refund, id: 're_first', charge: 'ch_3QxBulk0000009' }]),
      );
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000009', 'ch_3QxBulk0000010', 'ch_3QxBulk0000011'],
      null,
      { deadline: 25_000, now: () => clock, concurrency: 1 },
    );
    expect(result.lines.map((l) => l.outcome)).toEqual([
      'refunded',
      'not_attempted',
      'not_attempted',
    ]);
  });

  it('lists a payment given twice once', async () => {
    chargeReply('ch_3QxBulk0000012');
    refundReply('ch_3QxBulk0000012');
    const result = await bulkRefund(stripe, ['ch_3QxBulk0000012', ' ch_3QxBulk0000012 '], null, {
      deadline: later(),
    });
    expect(result.lines).toHaveLength(1);
  });
});

describe('bulk_refund operation', () => {
  it('refuses more than 500 payments, sending nothing', async () => {
    const unmatched = recordUnmatched();
    const payments = Array.from(
      { length: 501 },
      (_, i) => `ch_3QxBulk${String(i).padStart(7, '0')}`,
    );
    const error = await caught(() => appTester(perform, makeBundle({ inputData: { payments } })));
    unmatched.stop();
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/501 payments given; at most 500/),
    });
    expect(unmatched.urls).toEqual([]);
  });

  it.each([
    [{ payments: [] }, /Payments is empty/],
    [{ payments: ['ch_3QxBulk0000013'], reason: 'other' }, /not offered for bulk/],
  ])('refuses %j', async (input, message) => {
    const error = await caught(() => appTester(perform, makeBundle({ inputData: input })));
    expect(error.message).toMatch(message);
  });

  it('answers with counts, a summary and one line per payment', async () => {
    chargeReply('ch_3QxBulk0000014');
    refundReply('ch_3QxBulk0000014');
    const out = await appTester(
      perform,
      makeBundle({ inputData: { payments: ['ch_3QxBulk0000014'], reason: 'duplicate' } }),
    );
    expect(out).toMatchObject({
      summary: '1 refunded, 0 already refunded, 0 failed, 0 not attempted',
      lines: [{ outcome: 'refunded' }],
    });
  });
});
