import nock from 'nock';
import { errors, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { bulkRefund, type BulkResult } from '../../lib/refunds/bulk';
import { stripeClient } from '../../lib/stripe/client';
import charge from '../fixtures/refunds/charge.json';
import dispute from '../fixtures/refunds/dispute.json';
import refund from '../fixtures/refunds/refund.json';
import session from '../fixtures/foundation/checkout_session.json';
import {
  appTester,
  authData,
  caught,
  countRequests,
  makeBundle,
  operationRunner,
  recordUnmatched,
  refusedBeforeSending,
  STRIPE_API,
} from '../helpers';

const perform = (
  App.creates.bulk_refund.operation as unknown as Record<string, Parameters<typeof appTester>[0]>
).perform;
// One client per step, as in Zapier: each test is a new step with its own rate limiter.
let stripe = stripeClient({ errors } as unknown as ZObject, authData);
beforeEach(() => {
  stripe = stripeClient({ errors } as unknown as ZObject, authData);
});
const run = operationRunner('creates', 'bulk_refund');
const later = () => Date.now() + 20_000;
const chargeReply = (id: string, over: object = {}) =>
  nock(STRIPE_API)
    .get(`/v1/charges/${id}`)
    .query({ 'expand[0]': 'refunds' })
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
    nock(STRIPE_API)
      .get('/v1/disputes')
      .query({ charge: 'ch_3QxBulk0000003', limit: 1 })
      .reply(200, {
        object: 'list',
        data: [
          {
            ...dispute,
            charge: 'ch_3QxBulk0000003',
            status: 'needs_response',
            is_charge_refundable: false,
          },
        ],
        has_more: false,
      });
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000001', 'ch_3QxBulk0000002', 'ch_3QxBulk0000003', 'not-an-id'],
      { reason: 'duplicate' },
      { deadline: later() },
    );
    expect(result.counts).toEqual({
      refunded: 1,
      already_refunded: 1,
      duplicate: 0,
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
    expect(result.lines[2].message).toMatch(/is disputed \(dispute dp_\w+: needs response\)/);
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
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000004', 'ch_3QxBulk0000005'],
      {},
      {
        deadline: later(),
      },
    );
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
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000006'],
      {},
      {
        deadline: later(),
        sleep: async (ms) => void slept.push(ms),
      },
    );
    expect(result.counts.refunded).toBe(1);
    expect(slept).toHaveLength(1);
  });

  it('leaves what it cannot start before the deadline as not attempted, and sends nothing for them', async () => {
    const unmatched = recordUnmatched();
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000007', 'pi_3QxBulk0000008'],
      {},
      {
        deadline: Date.now() - 1,
      },
    );
    unmatched.stop();
    expect(result.counts).toEqual({
      refunded: 0,
      already_refunded: 0,
      duplicate: 0,
      failed: 0,
      not_attempted: 2,
    });
    expect(unmatched.urls).toEqual([]);
  });

  it('stops starting new refunds when the clock passes the deadline mid-run', async () => {
    // The step's clock, on real time (the rate limiter waits on it): it jumps past the deadline mid-run.
    const start = Date.now();
    let clock = start;
    chargeReply('ch_3QxBulk0000009');
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(
        () => (
          (clock = start + 60_000),
          [200, { ...refund, id: 're_first', charge: 'ch_3QxBulk0000009' }]
        ),
      );
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulk0000009', 'ch_3QxBulk0000010', 'ch_3QxBulk0000011'],
      {},
      { deadline: start + 25_000, now: () => clock, concurrency: 1 },
    );
    expect(result.lines.map((l) => l.outcome)).toEqual([
      'refunded',
      'not_attempted',
      'not_attempted',
    ]);
  });

  it('lists a payment given twice once, refunded once, and counts no duplicate', async () => {
    chargeReply('ch_3QxBulk0000012');
    const posts = countRequests(refundReply('ch_3QxBulk0000012'));
    const result = (await appTester(
      perform,
      makeBundle({ inputData: { payments: ['ch_3QxBulk0000012', ' ch_3QxBulk0000012 '] } }),
    )) as BulkResult;
    expect(result.lines.map((l) => [l.payment, l.outcome])).toEqual([
      ['ch_3QxBulk0000012', 'refunded'],
    ]);
    expect(result.counts).toEqual({
      refunded: 1,
      already_refunded: 0,
      duplicate: 0,
      failed: 0,
      not_attempted: 0,
    });
    expect(posts()).toBe(1);
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
      message: expect.stringMatching(/501 different payments given; at most 500/),
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

const expiredKey = {
  error: {
    type: 'invalid_request_error',
    message: 'Invalid API Key provided: sk_test_********************0000',
  },
};

describe('bulk_refund: reason fraudulent', () => {
  it('needs an explicit confirmation: without it nothing is sent', async () => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ payments: ['ch_3QxBulkFraud001', 'ch_3QxBulkFraud002'], reason: 'fraudulent' }),
    );
    expect(err).toMatchObject({
      code: 'confirmation_required',
      message: expect.stringMatching(/Radar block lists.*"Confirm Fraudulent" to yes/),
    });
    expect(sent).toEqual([]);
  });

  it('refuses a confirmation that is neither yes nor no', async () => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ payments: ['ch_3QxBulkFraud001'], reason: 'fraudulent', confirm_fraudulent: 'ok?' }),
    );
    expect(err.message).toMatch(/Confirm Fraudulent must be yes or no/);
    expect(sent).toEqual([]);
  });

  it('with the confirmation, refunds with reason fraudulent', async () => {
    chargeReply('ch_3QxBulkFraud001');
    nock(STRIPE_API)
      .post('/v1/refunds', (b) => b.charge === 'ch_3QxBulkFraud001' && b.reason === 'fraudulent')
      .reply(200, { ...refund, id: 're_fraud', charge: 'ch_3QxBulkFraud001' });
    const out = await run({
      payments: ['ch_3QxBulkFraud001'],
      reason: 'fraudulent',
      confirm_fraudulent: true,
    });
    expect(out).toMatchObject({ counts: { refunded: 1 } });
  });

  it('both refund actions warn about block lists in the Reason help text', async () => {
    const App = (await import('../../index')).default;
    for (const key of ['create_refund', 'bulk_refund'] as const) {
      const fields = App.creates[key].operation.inputFields as { key: string; helpText?: string }[];
      expect(fields.find((f) => f.key === 'reason')?.helpText).toMatch(/Radar block lists/);
    }
  });
});

describe('bulk_refund: the same payment under three ids', () => {
  it('cs_, pi_ and ch_ of one payment are refunded once and counted once', async () => {
    const intent = {
      id: 'pi_3QxLumenPaid01',
      object: 'payment_intent',
      status: 'succeeded',
      amount: 4860,
      amount_received: 4860,
      currency: 'usd',
      latest_charge: charge,
    };
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(true)
      .reply(200, { ...session, payment_intent: intent });
    nock(STRIPE_API).get('/v1/payment_intents/pi_3QxLumenPaid01').query(true).reply(200, intent);
    chargeReply('ch_3QxLumenPaid01');
    const posts = nock(STRIPE_API).post('/v1/refunds').reply(200, refund);
    const result = await bulkRefund(
      stripe,
      [session.id, 'pi_3QxLumenPaid01', 'ch_3QxLumenPaid01'],
      {},
      { deadline: later(), concurrency: 3 },
    );
    expect(posts.isDone()).toBe(true);
    expect(result.counts).toMatchObject({ refunded: 1, duplicate: 2, failed: 0 });
    const dupes = result.lines.filter((l) => l.outcome === 'duplicate');
    expect(dupes.map((l) => l.message)).toEqual([
      expect.stringMatching(/^Same payment as (cs_|pi_|ch_)\S+ \(charge ch_3QxLumenPaid01\)/),
      expect.stringMatching(/^Same payment as/),
    ]);
  });
});

describe('bulk_refund: failures midway still report what was refunded', () => {
  it('a key rejected midway stops new refunds and the output lists the ones made', async () => {
    chargeReply('ch_3QxBulkStop0001');
    refundReply('ch_3QxBulkStop0001');
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxBulkStop0002')
      .query({ 'expand[0]': 'refunds' })
      .reply(401, expiredKey);
    const out = (await run({
      payments: ['ch_3QxBulkStop0001', 'ch_3QxBulkStop0002', 'ch_3QxBulkStop0003'],
      on_failure: 'continue',
    })) as { summary: string; lines: { outcome: string }[]; stopped: string };
    // concurrency: the third may or may not have started before the 401; either way nothing is lost
    expect(out.lines[0]).toMatchObject({ outcome: 'refunded', refund_id: 're_3QxBulkStop0001' });
    expect(out.lines[1]).toMatchObject({ outcome: 'failed' });
    expect(out.stopped).toMatch(/Stripe rejected the key.*reconnect with a new key/);
    expect(out.summary).toMatch(/^Stopped early: .* 1 refunded/);
  });

  it('by default (On Failure: stop) ends the step with an error counting all three outcomes', async () => {
    chargeReply('ch_3QxBulkStop0011');
    refundReply('ch_3QxBulkStop0011');
    chargeReply('ch_3QxBulkStop0012', { disputed: true });
    nock(STRIPE_API)
      .get('/v1/disputes')
      .query({ charge: 'ch_3QxBulkStop0012', limit: 1 })
      .reply(200, {
        object: 'list',
        data: [{ ...dispute, charge: 'ch_3QxBulkStop0012', is_charge_refundable: false }],
        has_more: false,
      });
    const err = await caught(() => run({ payments: ['ch_3QxBulkStop0011', 'ch_3QxBulkStop0012'] }));
    expect(err).toMatchObject({
      code: 'refunds_incomplete',
      message: expect.stringMatching(
        /^1 refunded \(they stay refunded\), 1 failed, 0 not attempted: run the step again .* First failure: ch_3QxBulkStop0012: /,
      ),
    });
    expect(err.message.length).toBeLessThanOrEqual(250);
  });

  it('with On Failure: continue, the same run succeeds and hands on the report', async () => {
    chargeReply('ch_3QxBulkStop0013');
    refundReply('ch_3QxBulkStop0013');
    const out = (await run({
      payments: ['ch_3QxBulkStop0013', 'not-an-id'],
      on_failure: 'continue',
    })) as { summary: string };
    expect(out.summary).toBe('1 refunded, 0 already refunded, 1 failed, 0 not attempted');
  });

  it('a key rejected before anything was refunded is a plain reconnect error', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxBulkStop0004')
      .query({ 'expand[0]': 'refunds' })
      .reply(401, expiredKey);
    const err = await caught(() => run({ payments: ['ch_3QxBulkStop0004'] }));
    expect(err.name).toBe('ExpiredAuthError');
  });

  it('a create that times out says the refund may exist and that a re-run is safe', async () => {
    chargeReply('ch_3QxBulkSlow0001');
    nock(STRIPE_API)
      .post('/v1/refunds')
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    const result = await bulkRefund(
      stripe,
      ['ch_3QxBulkSlow0001'],
      {},
      {
        deadline: later(),
      },
    );
    expect(result.lines[0]).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/may or may not have been made.*same idempotency key/),
    });
  });
});

describe('bulk_refund: pasted secrets', () => {
  it('are never echoed back in lines[]', async () => {
    const secret = 'sk_live_51NfakeKeyPastedByMistake0000';
    const result = await bulkRefund(
      stripe,
      [secret, `rk_test_51Nfake${'x'.repeat(20)}`],
      {},
      {
        deadline: later(),
      },
    );
    expect(JSON.stringify(result)).not.toMatch(/sk_live_51N|rk_test_51N/);
    expect(result.lines.map((l) => l.outcome)).toEqual(['failed', 'failed']);
  });
});

describe('bulk_refund: statuses explained in each line', () => {
  it.each([
    [
      { status: 'pending', pending_reason: 'insufficient_funds' },
      'refunded',
      /\(pending\)\. Pending: your Stripe balance/,
    ],
    [{ status: 'requires_action' }, 'refunded', /\(requires_action\)\. Requires action:/],
    [
      { status: 'failed', failure_reason: 'lost_or_stolen_card' },
      'failed',
      /Failed \(lost_or_stolen_card\)/,
    ],
  ])('%j', async (over, outcome, message) => {
    chargeReply('ch_3QxBulkState001');
    nock(STRIPE_API)
      .post('/v1/refunds')
      .reply(200, { ...refund, id: 're_state', charge: 'ch_3QxBulkState001', ...over });
    const result = await bulkRefund(stripe, ['ch_3QxBulkState001'], {}, { deadline: later() });
    expect(result.lines[0]).toMatchObject({ outcome, message: expect.stringMatching(message) });
  });
});
