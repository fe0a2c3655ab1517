import {
  clientReferenceWarnings,
  trackingValueProblem,
  withTracking,
} from '../../../lib/links/tracking';
import { redirectUrlWithSession } from '../../../lib/links/redirect';
import { parsePaymentLinkInput, paymentLinkWarnings, sameLink } from '../../../lib/links/resolve';

describe('trackingValueProblem (Stripe drops these silently; we name the character)', () => {
  it.each([
    ['utm_campaign', 'spring sale', /utm_campaign: a space at position 7/],
    ['utm_source', 'café', /utm_source: "é" \(U\+00E9\) at position 4/],
    ['utm_medium', 'cpc+email', /utm_medium: "\+" at position 4/],
    ['utm_term', 'a.b', /utm_term: "\." at position 2/],
    ['utm_content', 'line1\nline2', /utm_content: a line break or tab \(U\+000A\) at position 6/],
    ['client_reference_id', 'order#42', /client_reference_id: "#" at position 6/],
    ['utm_source', 'x'.repeat(151), /utm_source is 151 characters; Stripe allows at most 150/],
    [
      'client_reference_id',
      'x'.repeat(201),
      /client_reference_id is 201 characters; Stripe allows at most 200/,
    ],
  ] as const)('%s = %j is refused', (field, value, message) => {
    expect(trackingValueProblem(field, value)).toMatch(message);
  });

  it.each([
    ['utm_source', 'x'.repeat(150)],
    ['client_reference_id', 'x'.repeat(200)],
    ['utm_campaign', 'Spring-Sale_2026'],
    ['utm_term', ''],
  ] as const)('%s = %j is accepted', (field, value) => {
    expect(trackingValueProblem(field, value)).toBeNull();
  });

  it('counts an emoji as one character in the position', () => {
    expect(trackingValueProblem('utm_campaign', 'ab🎉')).toMatch(/position 3/);
  });
});

describe('withTracking', () => {
  it('keeps existing parameters and the fragment, and replaces a parameter it sets', () => {
    const url = withTracking(
      'https://buy.stripe.com/test_9AQ5kQ?prefilled_email=a%40b.com&utm_source=old#x',
      {
        utm_source: 'newsletter',
        client_reference_id: 'order-1042',
      },
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('prefilled_email')).toBe('a@b.com');
    expect(parsed.searchParams.getAll('utm_source')).toEqual(['newsletter']);
    expect(parsed.searchParams.get('client_reference_id')).toBe('order-1042');
    expect(parsed.hash).toBe('#x');
  });

  it('adds nothing for empty values', () => {
    expect(withTracking('https://buy.stripe.com/test_9AQ5kQ', { utm_term: '' })).toBe(
      'https://buy.stripe.com/test_9AQ5kQ',
    );
  });
});

describe('clientReferenceWarnings', () => {
  it.each(['ana@example.com', 'ana%40example.com', 'ana_at_example_com'])(
    'warns that %s looks like an email',
    (value) => {
      expect(clientReferenceWarnings(value).join(' ')).toMatch(/looks like an email/);
    },
  );

  it.each([
    'sk_test_51Nabcdef',
    'rk_live_51Nabcdef',
    'whsec_abc123',
    'eyJhbGciOiJIUzI1NiJ9abc',
    'ghp_0123456789abcdefghijABCDEFGHIJ',
    'xoxb-1234-5678-abcdef',
    'AKIAIOSFODNN7EXAMPLE',
    'AIzaSyA-1234567890abcdefghijklmnopqrstu',
  ])('warns that %s looks like a key or token', (value) => {
    expect(clientReferenceWarnings(value).join(' ')).toMatch(/key or token/);
  });

  it.each([
    'order-1042',
    'cart_9f8e7d',
    '',
    '3f2b8c1e-9d4a-4e6b-8a7f-1c2d3e4f5a6b',
    '3F2B8C1E9D4A4E6B8A7F1C2D3E4F5A6B',
    '3f2b8c1e9d4a4e6b8a7f1c2d3e4f5a6b',
    'order_3f2b8c1e-9d4a-4e6b-8a7f-1c2d3e4f5a6b',
    '0123456789abcdef0123456789abcdef01234567',
    'a'.repeat(40),
  ])('says nothing about %j (UUIDs and long order ids are not secrets)', (value) => {
    expect(clientReferenceWarnings(value)).toEqual([]);
  });
});

describe('redirectUrlWithSession', () => {
  it.each([
    [
      'https://shop.example.com/thanks',
      'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
    ],
    [
      'https://shop.example.com/thanks?ref=a',
      'https://shop.example.com/thanks?ref=a&session_id={CHECKOUT_SESSION_ID}',
    ],
    [
      'https://shop.example.com/thanks?',
      'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
    ],
    [
      'https://shop.example.com/thanks#done',
      'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}#done',
    ],
    [
      'https://shop.example.com/t?sid={CHECKOUT_SESSION_ID}',
      'https://shop.example.com/t?sid={CHECKOUT_SESSION_ID}',
    ],
  ])('%s → %s', (input, url) => {
    expect(redirectUrlWithSession(input, true)).toEqual({ url });
  });

  it('leaves the URL alone when the option is off', () => {
    expect(redirectUrlWithSession('https://shop.example.com/thanks', false)).toEqual({
      url: 'https://shop.example.com/thanks',
    });
  });

  it.each([
    ['http://shop.example.com/thanks', /must start with https/],
    ['shop.example.com/thanks', /not a web address/],
    ['javascript:alert(1)', /must start with https/],
  ])('refuses %s', (input, message) => {
    const result = redirectUrlWithSession(input, true);
    expect('problem' in result && result.problem).toMatch(message);
  });
});

describe('payment link input', () => {
  it('accepts an id or an https URL, refuses anything else', () => {
    expect(parsePaymentLinkInput(' plink_1QxSpringSale ')).toEqual({ id: 'plink_1QxSpringSale' });
    expect(parsePaymentLinkInput('https://buy.stripe.com/test_9AQ5kQ')).toEqual({
      url: 'https://buy.stripe.com/test_9AQ5kQ',
    });
    expect(parsePaymentLinkInput('buy.stripe.com/test_9AQ5kQ')).toMatchObject({
      problem: expect.stringMatching(/https:\/\/buy\.stripe\.com/),
    });
    expect(parsePaymentLinkInput('')).toMatchObject({ problem: expect.stringMatching(/empty/) });
  });

  it('compares links without query, fragment, trailing slash or case of the host', () => {
    expect(
      sameLink(
        'https://BUY.stripe.com/test_9AQ5kQ/?utm_source=x',
        'https://buy.stripe.com/test_9AQ5kQ',
      ),
    ).toBe(true);
    expect(
      sameLink('https://buy.stripe.com/test_9AQ5kQ', 'https://buy.stripe.com/test_OTHER'),
    ).toBe(false);
  });
});

describe('paymentLinkWarnings', () => {
  const unknown = (url: string) => ({ id: null, url, afterCompletion: null, active: null });

  it.each(['https://buy.stripe.com/test_X', 'https://donate.stripe.com/test_X'])(
    "no look-alike warning for an unmatched URL on Stripe's own host %s",
    (url) => {
      expect(paymentLinkWarnings({ url }, unknown(url))).toEqual([]);
    },
  );

  it('a look-alike warning for an unmatched URL elsewhere; none for an id', () => {
    const url = 'https://buy.stripe.co/test_X';
    expect(paymentLinkWarnings({ url }, unknown(url))).toEqual([
      expect.stringMatching(/^"buy\.stripe\.co" is not Stripe's payment link address/),
    ]);
    const link = { id: 'plink_1', url, afterCompletion: 'redirect', active: true };
    expect(paymentLinkWarnings({ id: 'plink_1' }, link)).toEqual([]);
  });
});
