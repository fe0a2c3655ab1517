import { planEmail, type EmailInput } from '../../../lib/email/input';

const valid: EmailInput = { to: 'zoe@example.com', subject: 'Your download', body_text: 'Hi' };

describe('planEmail', () => {
  it('plans a minimal email with both parts', () => {
    const result = planEmail(valid);
    expect(result).toEqual({
      plan: expect.objectContaining({
        to: { name: '', address: 'zoe@example.com' },
        cc: [],
        bcc: [],
        subject: 'Your download',
        bodies: { text: 'Hi', html: '<div>Hi</div>' },
        attachmentUrls: [],
        checkoutSession: null,
        dedupeKey: null,
      }),
    });
  });

  it.each<[string, EmailInput, RegExp]>([
    ['missing body', { ...valid, body_text: '' }, /no body/],
    ['empty subject', { ...valid, subject: ' \r\n ' }, /^Subject is empty/],
    [
      'list in To',
      { ...valid, to: 'a@x.com, b@y.com' },
      /^To "a@x.com, b@y.com" looks like a list/,
    ],
    [
      'name in Reply-To',
      { ...valid, reply_to: 'Support <s@x.com>' },
      /^Reply-To .* angle brackets/,
    ],
    ['bad CC item', { ...valid, cc: ['a@x.com', 'nope'] }, /^CC \(item 2\) "nope" has no @/],
    ['bad BCC', { ...valid, bcc: 'b@y.com;c@z.com' }, /^BCC .* list/],
    [
      'non-http attachment',
      { ...valid, attachments: ['file:///etc/passwd'] },
      /^Attachments \(file 1\)/,
    ],
    [
      'bad checkout session',
      { ...valid, checkout_session: 'pi_123' },
      /^Checkout Session "pi_123" is not a valid id/,
    ],
    [
      'too long dedupe key',
      { ...valid, dedupe_key: 'k'.repeat(201) },
      /^Dedupe Key is 201 characters/,
    ],
  ])('%s → a problem that says what to fix', (_name, input, message) => {
    expect(planEmail(input)).toEqual({ problem: expect.stringMatching(message) });
  });

  it('allows 100 recipients and refuses 101', () => {
    const cc = Array.from({ length: 50 }, (_, i) => `cc${i}@example.com`);
    const bcc = Array.from({ length: 49 }, (_, i) => `bcc${i}@example.com`);
    expect(planEmail({ ...valid, cc, bcc })).toHaveProperty('plan');
    expect(planEmail({ ...valid, cc, bcc: [...bcc, 'one-more@example.com'] })).toEqual({
      problem: expect.stringMatching(/101 recipients .* Gmail allows 100/),
    });
  });

  it('cleans names and subject, trims the dedupe key and keeps the Stripe id', () => {
    const result = planEmail({
      ...valid,
      to_name: 'Zoë\r\nBcc: x@y.z',
      from_name: ' Acme\tStore ',
      checkout_session: ' cs_test_a1EmailFulfil0123456789 ',
      dedupe_key: ' cs_test_1 ',
    });
    expect(result).toEqual({
      plan: expect.objectContaining({
        to: { name: 'Zoë Bcc: x@y.z', address: 'zoe@example.com' },
        fromName: 'Acme Store',
        checkoutSession: 'cs_test_a1EmailFulfil0123456789',
        dedupeKey: 'cs_test_1',
      }),
    });
  });
});
