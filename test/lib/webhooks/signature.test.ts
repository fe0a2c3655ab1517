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
    ['a valid v1', `t=${NOW},v1=${sign(NOW)}`, 'ok', ''],
    [
      'several v1 (secret rotation), the second one valid',
      `t=${NOW},v1=${sign(NOW, BODY, 'whsec_old')},v1=${sign(NOW)}`,
      'ok',
      '',
    ],
    ['v0 alongside a valid v1', `t=${NOW},v0=${sign(NOW)},v1=${sign(NOW)}`, 'ok', ''],
    ['spaces after commas', `t=${NOW}, v1=${sign(NOW)}`, 'ok', ''],
    ['a timestamp 299 s old', `t=${NOW - 299},v1=${sign(NOW - 299)}`, 'ok', ''],
    [
      'the wrong secret',
      `t=${NOW},v1=${sign(NOW, BODY, 'whsec_other')}`,
      'mismatch',
      /no v1 signature matches/,
    ],
    [
      'a tampered body',
      `t=${NOW},v1=${sign(NOW, BODY.replace('evt_1', 'evt_2'))}`,
      'mismatch',
      /no v1 signature matches/,
    ],
    [
      'a signature for another timestamp',
      `t=${NOW},v1=${sign(NOW - 1)}`,
      'mismatch',
      /no v1 signature matches/,
    ],
    ['no header', undefined, 'malformed', /^no Stripe-Signature header$/],
    ['an empty header', '', 'malformed', /^no Stripe-Signature header$/],
    ['garbage', 'not-a-signature', 'malformed', /^malformed Stripe-Signature header$/],
    ['no timestamp', `v1=${sign(NOW)}`, 'malformed', /exactly one numeric t=/],
    ['two timestamps', `t=${NOW},t=${NOW},v1=${sign(NOW)}`, 'malformed', /exactly one numeric t=/],
    [
      'a non-numeric timestamp',
      `t=yesterday,v1=${sign(NOW)}`,
      'malformed',
      /exactly one numeric t=/,
    ],
    ['v0 only', `t=${NOW},v0=${sign(NOW)}`, 'malformed', /^no v1 signature in the header/],
    [
      'a stale timestamp (301 s)',
      `t=${NOW - 301},v1=${sign(NOW - 301)}`,
      'stale',
      /301 s old .*a late run or a replay/,
    ],
    [
      'a future timestamp (301 s)',
      `t=${NOW + 301},v1=${sign(NOW + 301)}`,
      'future',
      /^timestamp is 301 s in the future \(more than 300 s\)$/,
    ],
    ['a short v1', `t=${NOW},v1=abc123`, 'mismatch', /no v1 signature matches/],
    ['an empty value', `t=${NOW},v1=`, 'malformed', /^malformed Stripe-Signature header$/],
    ['an exactly 300 s old timestamp', `t=${NOW - 300},v1=${sign(NOW - 300)}`, 'ok', ''],
    ['a timestamp 300 s ahead', `t=${NOW + 300},v1=${sign(NOW + 300)}`, 'ok', ''],
    ['a blank header', '  ', 'malformed', /^no Stripe-Signature header$/],
    [
      'a part with two "="',
      `t=${NOW},v1=${sign(NOW)}=x`,
      'malformed',
      /^malformed Stripe-Signature/,
    ],
    [
      'a part without a name',
      `=x,t=${NOW},v1=${sign(NOW)}`,
      'malformed',
      /^malformed Stripe-Signature/,
    ],
    ['letters before the timestamp', `t=x${NOW},v1=${sign(NOW)}`, 'malformed', /numeric t=/],
    ['letters after the timestamp', `t=${NOW}x,v1=${sign(NOW)}`, 'malformed', /numeric t=/],
    ['a 13-digit timestamp', `t=1${NOW}000,v1=${sign(NOW)}`, 'malformed', /numeric t=/],
    ['a valid v1 with hex after it', `t=${NOW},v1=${sign(NOW)}00`, 'mismatch', /matches/],
    ['a valid v1 with hex before it', `t=${NOW},v1=00${sign(NOW)}`, 'mismatch', /matches/],
    ['a valid v1 in capitals', `t=${NOW},v1=${sign(NOW).toUpperCase()}`, 'ok', ''],
  ])('%s → %s', (_name, header, kind, reason) => {
    const result = verifyStripeSignature(BODY, header, SECRET, NOW);
    if (kind === 'ok') expect(result).toEqual({ ok: true, timestamp: expect.any(Number) });
    else expect(result).toMatchObject({ ok: false, kind, reason: expect.stringMatching(reason) });
  });

  it('refuses when no secret was stored', () => {
    expect(verifyStripeSignature(BODY, `t=${NOW},v1=${sign(NOW, BODY, '')}`, '', NOW)).toEqual({
      ok: false,
      kind: 'malformed',
      reason: 'no signing secret stored for this subscription',
    });
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
  it('is absent when the request had no headers', () =>
    expect(findSignatureHeader(undefined)).toBeUndefined());
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
