import nock from 'nock';
import charge from '../fixtures/refunds/charge.json';
import refund from '../fixtures/refunds/refund.json';
import { caught, makeBundle, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';

/**
 * What a merchant pastes into "Payments", through Zapier's real handler: secrets are never echoed
 * or sent, every usual separator works, the cap counts payments, and a test key's first second
 * stays under Stripe's rate counted over any one-second window.
 */
const runtime = useRuntime();
type Bulk = {
  counts: Record<string, number>;
  lines: { payment: string; outcome: string; message: string }[];
};
/** With On Failure = continue, so a test reads the whole report (stop is tested below). */
const bulk = (payments: unknown, on_failure = 'continue') =>
  runtime().run<Bulk>(
    'creates.bulk_refund.operation.perform',
    makeBundle({ inputData: { payments, on_failure } }),
  );

/** A Stripe that refunds any charge, recording when and where each request arrived. */
function stripeAnswersEverything(): { at: number[]; paths: string[] } {
  const seen = { at: [] as number[], paths: [] as string[] };
  nock(STRIPE_API)
    .persist()
    .get(/^\/v1\/charges\/[^/?]+/)
    .query(true)
    .reply(function (uri) {
      seen.at.push(Date.now());
      seen.paths.push(uri);
      const id = uri.split('?')[0].split('/').pop()!;
      return [200, { ...charge, id }];
    })
    .post('/v1/refunds')
    .reply(function (uri, body) {
      seen.at.push(Date.now());
      seen.paths.push(uri);
      const id = new URLSearchParams(String(body)).get('charge');
      return [200, { ...refund, id: `re_${id}`, charge: id }];
    });
  return seen;
}

const mostInOneSecond = (times: number[]) =>
  Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));

describe('bulk_refund: what is pasted', () => {
  it('a key glued behind an id prefix is redacted in the output and never sent to Stripe', async () => {
    const seen = stripeAnswersEverything();
    const secret = 'sk_live_51NfakeKeyForTestsOnly0000';
    const out = await bulk(`ch_3QxPaste000001, pi_${secret}`);
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(seen.paths.join('\n')).not.toContain(secret);
    expect(out.lines[1]).toMatchObject({ payment: 'pi_[redacted]', outcome: 'failed' });
    expect(out.lines[1].message).toMatch(/looks like a secret key.*not sent to Stripe/);
    expect(out.counts.refunded).toBe(1);
  });

  it('with On Failure = stop, the error names the refused entry redacted, never the key', async () => {
    stripeAnswersEverything();
    const secret = 'sk_live_51NfakeKeyForTestsOnly0000';
    const err = await caught(() => bulk(`ch_3QxPaste000001, pi_${secret}`, 'stop'));
    expect(err.code).toBe('refunds_incomplete');
    expect(err.message).toMatch(/1 refunded .*1 failed.*pi_\[redacted\]/);
    expect(err.message).not.toContain(secret);
  });

  it('semicolons, tabs and new lines separate payments like commas', async () => {
    stripeAnswersEverything();
    const out = await bulk(
      'ch_3QxPaste000001;ch_3QxPaste000002\tch_3QxPaste000003\nch_3QxPaste000004',
    );
    expect(out.lines.map((l) => l.payment)).toEqual([
      'ch_3QxPaste000001',
      'ch_3QxPaste000002',
      'ch_3QxPaste000003',
      'ch_3QxPaste000004',
    ]);
    expect(out.counts.refunded).toBe(4);
  });

  it('the 500 cap counts different payments, not pasted entries', async () => {
    stripeAnswersEverything();
    const out = await bulk(Array(600).fill('ch_3QxPaste000001'));
    expect(out.counts.refunded).toBe(1);
  });
});

describe('bulk_refund: a test key never sends more than the rate in any second', () => {
  it('40 refunds (80 requests) from a standing start stay at 25 or fewer in every one-second window', async () => {
    const seen = stripeAnswersEverything();
    const payments = Array.from(
      { length: 40 },
      (_, i) => `ch_3QxBurst${String(i).padStart(6, '0')}`,
    );
    const out = await bulk(payments);
    expect(out.counts.refunded).toBe(40);
    expect(seen.at).toHaveLength(80);
    expect(mostInOneSecond(seen.at)).toBeLessThanOrEqual(25);
  }, 15_000);
});
