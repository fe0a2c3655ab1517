import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { findSignatureHeader, verifyStripeSignature } from '../../../lib/webhooks/signature';

const SECRET = 'whsec_test_5f1b1b1d2d6c4e0e8a7b9c3d2e1f0a9b';
const BODY = '{"id":"evt_1","type":"checkout.session.completed"}';
const NOW = 1_763_800_000;
const sign = (t: number, body = BODY, secret = SECRET) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

describe('Stripe signature verification', () => {
  it("accepts the header Stripe's own SDK generates", () => {
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: BODY,
      secret: SECRET,
      timestamp: NOW,
    });
    expect(verifyStripeSignature(BODY, header, SECRET, NOW)).toEqual({ ok: true, timestamp: NOW });
  });

  it.each([
    ['a valid v1', `t=${NOW},v1=${sign(NOW)}`, true, ''],
    [
      'several v1 (secret rotation), the second one valid',
      `t=${NOW},v1=${sign(NOW, BODY, 'whsec_old')},v1=${sign(NOW)}`,
      true,
      '',
    ],
    ['v0 alongside a valid v1', `t=${NOW},v0=${sign(NOW)},v1=${sign(NOW)}`, true, ''],
    ['spaces after commas', `t=${NOW}, v1=${sign(NOW)}`, true, ''],
    ['a timestamp 299 s old', `t=${NOW - 299},v1=${sign(NOW - 299)}`, true, ''],
    [
      'the wrong secret',
      `t=${NOW},v1=${sign(NOW, BODY, 'whsec_other')}`,
      false,
      /no v1 signature matches/,
    ],
    [
      'a tampered body',
      `t=${NOW},v1=${sign(NOW, BODY.replace('evt_1', 'evt_2'))}`,
      false,
      /no v1 signature matches/,
    ],
    [
      'a signature for another timestamp',
      `t=${NOW},v1=${sign(NOW - 1)}`,
      false,
      /no v1 signature matches/,
    ],
    ['no header', undefined, false, /no Stripe-Signature header/],
    ['an empty header', '', false, /no Stripe-Signature header/],
    ['garbage', 'not-a-signature', false, /malformed/],
    ['no timestamp', `v1=${sign(NOW)}`, false, /exactly one numeric t=/],
    ['two timestamps', `t=${NOW},t=${NOW},v1=${sign(NOW)}`, false, /exactly one numeric t=/],
    ['a non-numeric timestamp', `t=yesterday,v1=${sign(NOW)}`, false, /exactly one numeric t=/],
    ['v0 only', `t=${NOW},v0=${sign(NOW)}`, false, /no v1 signature/],
    [
      'a stale timestamp (301 s)',
      `t=${NOW - 301},v1=${sign(NOW - 301)}`,
      false,
      /301 s old .*a late run or a replay/,
    ],
    ['a future timestamp (301 s)', `t=${NOW + 301},v1=${sign(NOW + 301)}`, false, /in the future/],
    ['a short v1', `t=${NOW},v1=abc123`, false, /no v1 signature matches/],
    ['an empty value', `t=${NOW},v1=`, false, /malformed/],
  ])('%s', (_name, header, ok, reason) => {
    const result = verifyStripeSignature(BODY, header, SECRET, NOW);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toMatch(reason as RegExp);
  });

  it('refuses when no secret was stored', () => {
    expect(
      verifyStripeSignature(BODY, `t=${NOW},v1=${sign(NOW, BODY, '')}`, '', NOW),
    ).toMatchObject({ ok: false });
  });

  it('never puts the secret in a reason', () => {
    const result = verifyStripeSignature(BODY, `t=${NOW},v1=${sign(NOW, BODY, 'x')}`, SECRET, NOW);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('finding the header Zapier forwards', () => {
  it.each([['Http-Stripe-Signature'], ['http-stripe-signature'], ['Stripe-Signature']])(
    '%s',
    (name) => {
      expect(findSignatureHeader({ 'Content-Type': 'application/json', [name]: 't=1,v1=a' })).toBe(
        't=1,v1=a',
      );
    },
  );
  it('is absent when not sent', () =>
    expect(findSignatureHeader({ 'Content-Type': 'application/json' })).toBeUndefined());
});

describe('what a failed check means', () => {
  it.each([
    ['a genuine but late delivery', 'stale', `t=${NOW - 900},v1=${sign(NOW - 900)}`],
    ['a genuine delivery from a fast clock', 'future', `t=${NOW + 900},v1=${sign(NOW + 900)}`],
    ['the wrong (or a rolled) secret', 'mismatch', `t=${NOW},v1=${sign(NOW, BODY, 'whsec_new')}`],
    [
      'an old request with a wrong signature',
      'mismatch',
      `t=${NOW - 900},v1=${sign(NOW, BODY, 'x')}`,
    ],
    ['no header at all', 'malformed', undefined],
  ])('%s: %s', (_name, kind, header) => {
    expect(verifyStripeSignature(BODY, header, SECRET, NOW)).toMatchObject({ ok: false, kind });
  });

  it('reports the signed timestamp of a late genuine delivery', () => {
    expect(
      verifyStripeSignature(BODY, `t=${NOW - 900},v1=${sign(NOW - 900)}`, SECRET, NOW),
    ).toMatchObject({ kind: 'stale', timestamp: NOW - 900 });
  });
});
