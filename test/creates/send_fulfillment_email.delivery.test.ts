import nock from 'nock';
import op from '../../creates/send_fulfillment_email';
import { MAX_ATTACHMENT_BYTES } from '../../lib/email/attachments';
import { RAW_JSON_MAX_MIME_BYTES } from '../../lib/email/gmail';
import type { SentEmail } from '../../lib/email/send';
import { caught, GMAIL_HOST, makeBundle, recordUnmatched } from '../helpers';
import { useRuntime } from '../runtime';
import { captureGmailSend, SEND_PATH } from '../lib/email/mime-helpers';
import gmail401 from '../fixtures/email/gmail_401.json';
import gmail403Rate from '../fixtures/email/gmail_403_rate.json';
import gmail403Scope from '../fixtures/email/gmail_403_scope.json';
import gmail429 from '../fixtures/email/gmail_429.json';

// Zapier's real cache (scoped, TTL, nx): a fresh one per test, kept across the sends of a test.
const runtime = useRuntime();
const send = (inputData: Record<string, unknown>) =>
  runtime().run<SentEmail>(`creates.${op.key}.operation.perform`, makeBundle({ inputData }));
const base = { to: 'zoe@example.com', subject: 'Your download', body_text: 'Thanks!' };
const FILES = 'https://files.example.com';

describe('message size routing', () => {
  it('sends a message over the raw-JSON limit through the upload endpoint as message/rfc822', async () => {
    const big = Buffer.alloc(RAW_JSON_MAX_MIME_BYTES, 7);
    nock(FILES).get('/big.bin').reply(200, big, { 'Content-Type': 'application/octet-stream' });
    const raw = nock(GMAIL_HOST).post(SEND_PATH).reply(500, {});
    const upload = captureGmailSend('upload');
    const result = await send({ ...base, attachments: [`${FILES}/big.bin`] });
    expect(upload.requestHeaders()['content-type']).toBe('message/rfc822');
    const mail = await upload.parsed();
    expect(mail.attachments[0].content.equals(big)).toBe(true);
    expect(result).toMatchObject({ sent_with: 'upload', attachments_count: 1 });
    expect(result.size_bytes).toBeGreaterThan(RAW_JSON_MAX_MIME_BYTES);
    expect(raw.isDone()).toBe(false);
  });

  it('refuses attachments over Gmail’s 35 MB message limit before sending anything', async () => {
    const half = Buffer.alloc(Math.ceil(MAX_ATTACHMENT_BYTES / 2) + 1024, 1);
    nock(FILES).get('/a.bin').reply(200, half).get('/b.bin').reply(200, half);
    const unmatched = recordUnmatched();
    const err = await caught(() =>
      send({ ...base, attachments: [`${FILES}/a.bin`, `${FILES}/b.bin`] }),
    );
    unmatched.stop();
    expect(err).toMatchObject({ code: 'attachments_too_large', status: 413 });
    expect(err.message).toMatch(/35 MB per message\)\. Nothing was sent/);
    expect(unmatched.urls).toEqual([]);
  });
});

describe('dedupe_key', () => {
  it('sends once; the same key again within a day sends nothing and says so, with the first ids', async () => {
    const first = captureGmailSend();
    const one = await send({ ...base, dedupe_key: 'cs_test_abc' });
    expect(first.scope.isDone()).toBe(true);
    const unmatched = recordUnmatched();
    const two = await send({ ...base, dedupe_key: 'cs_test_abc' });
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(one).toMatchObject({ deduplicated: false, id: '18c1f0f2a9b3d4e5' });
    expect(two).toMatchObject({
      deduplicated: true,
      id: '18c1f0f2a9b3d4e5',
      thread_id: '18c1f0f2a9b3d4e5',
      to: 'zoe@example.com',
      sent_with: null,
    });
    const other = captureGmailSend();
    await send({ ...base, dedupe_key: 'cs_test_other' });
    expect(other.scope.isDone()).toBe(true);
  });

  it('a failed send releases the key, so Zapier’s retry still delivers', async () => {
    nock(GMAIL_HOST).post(SEND_PATH).reply(429, gmail429, { 'Retry-After': '30' });
    const err = await caught(() => send({ ...base, dedupe_key: 'cs_test_retry' }));
    expect(err.name).toBe('ThrottledError');
    const retry = captureGmailSend();
    expect(await send({ ...base, dedupe_key: 'cs_test_retry' })).toMatchObject({
      deduplicated: false,
    });
    expect(retry.scope.isDone()).toBe(true);
  });

  it('bad input does not claim the key', async () => {
    await caught(() => send({ ...base, body_text: '', dedupe_key: 'cs_test_fixme' }));
    const gmail = captureGmailSend();
    expect(await send({ ...base, dedupe_key: 'cs_test_fixme' })).toMatchObject({
      deduplicated: false,
    });
    expect(gmail.scope.isDone()).toBe(true);
  });
});

describe('Gmail failures', () => {
  it.each([
    [
      '429 rate limit',
      429,
      gmail429,
      { 'Retry-After': '30' },
      { name: 'ThrottledError', delay: 30 },
    ],
    ['403 user rate limit', 403, gmail403Rate, {}, { name: 'ThrottledError' }],
    ['403 consent for sending revoked', 403, gmail403Scope, {}, { name: 'ExpiredAuthError' }],
    ['401 expired token', 401, gmail401, {}, { name: 'RefreshAuthError' }],
  ] as const)('%s → %o', async (_name, status, body, headers, expected) => {
    nock(GMAIL_HOST).post(SEND_PATH).reply(status, body, headers);
    const err = await caught(() => send(base));
    expect(err).toMatchObject(expected);
    if (expected.name === 'ThrottledError')
      expect(err.message).toMatch(/rate limit .* sending email .* Zapier will retry later/);
    if (expected.name === 'ExpiredAuthError')
      expect(err.message).toMatch(/reconnect to renew Google access/);
  });
});

describe('bad input: a clear message and nothing sent', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'no body',
      { body_text: '', body_html: ' ' },
      /no body\. Fill in Body \(Plain Text\) or Body \(HTML\)/,
    ],
    ['no subject', { subject: '' }, /^Subject is empty/],
    ['no To', { to: '' }, /^To is empty/],
    ['two addresses in To', { to: 'a@x.com, b@y.com' }, /^To .* list/],
    [
      '101 recipients',
      { bcc: Array.from({ length: 100 }, (_, i) => `b${i}@example.com`) },
      /101 recipients/,
    ],
    [
      'a payment intent instead of a session',
      { checkout_session: 'pi_3QxLumenPaid01' },
      /^Checkout Session "pi_3QxLumenPaid01" is not a valid id/,
    ],
    [
      'a local file path as attachment',
      { attachments: ['C:\\invoices\\42.pdf'] },
      /^Attachments \(file 1\) .* is not a file URL/,
    ],
    ['a file: URL as attachment', { attachments: ['file:///etc/passwd'] }, /not a file URL/],
  ])('%s', async (_name, change, message) => {
    const unmatched = recordUnmatched();
    const err = await caught(() => send({ ...base, dedupe_key: 'k', ...change }));
    unmatched.stop();
    expect(err).toMatchObject({ name: 'AppError', code: 'invalid_input', status: 400 });
    expect(err.message).toMatch(message);
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(unmatched.urls).toEqual([]);
  });
});

describe('operation definition', () => {
  it('labels every sample key in outputFields', () => {
    const keys = (op.operation.outputFields ?? []).map((f) =>
      'key' in f ? f.key.replace(/\[\]$/, '') : '',
    );
    expect(Object.keys(op.operation.sample ?? {}).sort()).toEqual([...keys].sort());
  });

  it('has help text on every input', () => {
    for (const field of op.operation.inputFields ?? [])
      expect('helpText' in field && field.helpText).toBeTruthy();
  });
});
