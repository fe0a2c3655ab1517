import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import op from '../../creates/send_fulfillment_email';
import type { SentEmail } from '../../lib/email/send';
import { appTester, caught, GOOGLE_APIS, makeBundle, recordUnmatched } from '../helpers';
import { addressesOf, captureGmailSend, headerNames } from '../lib/email/mime-helpers';
import userinfo from '../fixtures/email/userinfo.json';

const perform = op.operation.perform as (z: ZObject, bundle: Bundle) => Promise<SentEmail>;
const send = (inputData: Record<string, unknown>) =>
  appTester(perform, makeBundle({ inputData }), true);

const EVIL = 'evil@attacker.test';
const base = {
  to: 'zoe@example.com',
  to_name: 'Zoë',
  from_name: 'Acme Store',
  reply_to: 'support@example.com',
  cc: ['cc@example.com'],
  bcc: ['archive@example.com'],
  subject: 'Your order',
  body_text: 'Thanks!',
};
const EXPECTED_RECIPIENTS = ['archive@example.com', 'cc@example.com', 'zoe@example.com'];
const SINGLE_HEADERS = [
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
];

const PAYLOADS = [
  `x\r\nBcc: ${EVIL}`,
  `x\nX-Injected: yes`,
  `x\rTo: ${EVIL}`,
  `x\r\n\r\n<h1>forged body</h1>`,
  `x\r\n Bcc: ${EVIL}`,
  `x\u2028Bcc: ${EVIL}`,
  `=?UTF-8?Q?x=0D=0ABcc=3A_${EVIL.replace('@', '=40')}?=`,
  `"${EVIL}" <${EVIL}>, ${EVIL}`,
  `x\u0000\u001bBcc: ${EVIL}`,
];

describe('header injection matrix: names and subject (sent, but never an extra header or recipient)', () => {
  beforeEach(() => {
    nock(GOOGLE_APIS).get('/oauth2/v3/userinfo').reply(200, userinfo);
  });

  const cases = ['subject', 'to_name', 'from_name'].flatMap((field) =>
    PAYLOADS.map((payload) => [field, payload] as const),
  );

  it.each(cases)('%s = %j', async (field, payload) => {
    const gmail = captureGmailSend();
    await send({ ...base, [field]: payload });
    const mime = gmail.mime();
    const names = headerNames(mime);
    expect(names).not.toContain('x-injected');
    for (const header of SINGLE_HEADERS) expect(names.filter((n) => n === header)).toHaveLength(1);
    expect(names.every((n) => SINGLE_HEADERS.includes(n))).toBe(true);
    const mail = await gmail.parsed();
    const recipients = [mail.to, mail.cc, mail.bcc].flatMap((f) => addressesOf(f)).sort();
    expect(recipients).toEqual(EXPECTED_RECIPIENTS);
    expect(addressesOf(mail.from)).toEqual(['shop.owner@gmail.com']);
    expect(addressesOf(mail.replyTo)).toEqual(['support@example.com']);
    expect(mail.text?.trim()).toBe('Thanks!');
    expect(mime.toString().match(/^Bcc:.*$/gim)).toEqual(['Bcc: archive@example.com']);
  });

  it.each(['Zoë 山田 🎉', 'Ünïcödé, "quoted" <not@an.address>', "O'Brien; Smith (CEO)"])(
    'unicode and punctuation in To Name stay a name: %j',
    async (name) => {
      const gmail = captureGmailSend();
      await send({ ...base, to_name: name });
      const mail = await gmail.parsed();
      expect(mail.to).toMatchObject({ value: [{ name, address: 'zoe@example.com' }] });
      expect([mail.to, mail.cc, mail.bcc].flatMap((f) => addressesOf(f)).sort()).toEqual(
        EXPECTED_RECIPIENTS,
      );
    },
  );
});

describe('header injection matrix: address fields (refused, nothing sent)', () => {
  const BAD_ADDRESSES = [
    `zoe@example.com, ${EVIL}`,
    `zoe@example.com;${EVIL}`,
    `Zoe <${EVIL}>`,
    `zoe@example.com <${EVIL}>`,
    `"zoe@example.com" <${EVIL}>`,
    `${EVIL} (zoe@example.com)`,
    `zoe@example.com\r\nBcc: ${EVIL}`,
    `zoe@example.com\nX-Injected: yes`,
    `undisclosed:${EVIL};`,
    `zoe@example.com ${EVIL}`,
  ];
  const LABELS: Record<string, string> = { to: 'To', reply_to: 'Reply-To', cc: 'CC', bcc: 'BCC' };
  const cases = Object.keys(LABELS).flatMap((field) =>
    BAD_ADDRESSES.map((value) => [field, value] as const),
  );

  it.each(cases)('%s = %j', async (field, value) => {
    const unmatched = recordUnmatched();
    const err = await caught(() =>
      send({ ...base, [field]: field === 'cc' || field === 'bcc' ? [value] : value }),
    );
    unmatched.stop();
    expect(err).toMatchObject({ name: 'AppError', code: 'invalid_input', status: 400 });
    expect(err.message.startsWith(`${LABELS[field]} `)).toBe(true);
    expect(unmatched.urls).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
