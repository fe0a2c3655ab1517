import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { SentEmail } from '../../lib/email/send';
import op from '../../creates/send_fulfillment_email';
import {
  appTester,
  caught,
  countRequests,
  makeBundle,
  recordUnmatched,
  STRIPE_API,
  GOOGLE_APIS,
} from '../helpers';
import { addressesOf, captureGmailSend } from '../lib/email/mime-helpers';
import session from '../fixtures/email/checkout_session.json';
import userinfo from '../fixtures/email/userinfo.json';
import { useRuntime } from '../runtime';
import stripe404 from '../fixtures/email/stripe_404.json';

// The operation's own perform (the same function index.ts registers), run through the full handler.
const perform = op.operation.perform as (z: ZObject, bundle: Bundle) => Promise<SentEmail>;
const send = (inputData: Record<string, unknown>) =>
  appTester(perform, makeBundle({ inputData }), true);
const runtime = useRuntime();
const base = {
  to: 'zoe@example.com',
  to_name: 'Zoë Müller',
  subject: 'Your download is ready',
  body_text: 'Thanks!\nGet it here: https://dl.example.com/guide',
};

describe('send_fulfillment_email', () => {
  it('sends one message as the connected account: headers, text + HTML parts, output', async () => {
    const gmail = captureGmailSend();
    const result = await send({
      ...base,
      cc: ['cc@example.com'],
      bcc: ['archive@example.com'],
      reply_to: 'support@example.com',
    });
    const mail = await gmail.parsed();
    expect(gmail.requestHeaders().authorization).toBe('Bearer ya29.test-access-token');
    expect(mail.to).toMatchObject({ value: [{ name: 'Zoë Müller', address: 'zoe@example.com' }] });
    expect(addressesOf(mail.cc)).toEqual(['cc@example.com']);
    expect(addressesOf(mail.bcc)).toEqual(['archive@example.com']);
    expect(addressesOf(mail.replyTo)).toEqual(['support@example.com']);
    expect(mail.headers.has('from')).toBe(false);
    expect(mail.subject).toBe('Your download is ready');
    expect(mail.text?.trim()).toBe(base.body_text);
    expect(mail.html).toContain(
      '<a href="https://dl.example.com/guide">https://dl.example.com/guide</a>',
    );
    expect(gmail.mime().toString()).toMatch(/Content-Type: multipart\/alternative/);
    expect(result).toEqual({
      id: '18c1f0f2a9b3d4e5',
      thread_id: '18c1f0f2a9b3d4e5',
      to: 'zoe@example.com',
      cc: ['cc@example.com'],
      bcc: ['archive@example.com'],
      recipients_count: 3,
      attachments_count: 0,
      deduplicated: false,
      sent_with: 'raw',
      size_bytes: gmail.mime().length,
    });
  });

  it('with From Name, puts the connected address (OpenID userinfo, cached per connection) behind the name', async () => {
    const google = nock(GOOGLE_APIS).get('/oauth2/v3/userinfo').once().reply(200, userinfo);
    const first = captureGmailSend();
    // Zapier's runtime: the cache is scoped to the connection and kept between the two runs.
    const inRuntime = (inputData: Record<string, unknown>) =>
      runtime().run(`creates.send_fulfillment_email.operation.perform`, makeBundle({ inputData }));
    await inRuntime({ ...base, from_name: 'Acme Store' });
    expect((await first.parsed()).from).toMatchObject({
      value: [{ name: 'Acme Store', address: 'shop.owner@gmail.com' }],
    });
    const second = captureGmailSend();
    await inRuntime({ ...base, from_name: 'Acme Store' });
    expect((await second.parsed()).from).toMatchObject({
      value: [{ address: 'shop.owner@gmail.com' }],
    });
    expect(google.isDone()).toBe(true);
  });

  it('adds the order summary from ONE Stripe call to both parts, HTML-escaped', async () => {
    const stripe = nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query({
        'expand[0]': 'line_items.data.price.product',
        'expand[1]': 'payment_link',
        'expand[2]': 'payment_intent.latest_charge.balance_transaction',
      })
      .reply(200, session);
    const calls = countRequests(stripe);
    const gmail = captureGmailSend();
    await send({
      ...base,
      body_text: undefined,
      body_html: '<html><body><p>Thanks, <b>Zoë</b>!</p></body></html>',
      checkout_session: session.id,
    });
    const mail = await gmail.parsed();
    expect(calls()).toBe(1);
    expect(mail.text).toContain('Thanks, Zoë!');
    expect(mail.text).toContain('2 × Ebook <script>alert("x")</script> & "Night & Day": 32.40 EUR');
    expect(mail.text).toMatch(/Tax: 3\.60 EUR\nTotal: 48\.60 EUR/);
    const html = mail.html as string;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ebook &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<\/table>\n<\/body><\/html>$/);
    expect(html).toContain('<strong>48.60 EUR</strong>');
  });

  it('attaches files from URLs: name from Content-Disposition or the URL, type from the response, no Google token sent', async () => {
    const seen: (string | undefined)[] = [];
    nock('https://files.example.com')
      .get('/download')
      .query({ token: 'secret123' })
      .reply(function () {
        seen.push(this.req.headers.authorization as string | undefined);
        return [
          200,
          Buffer.from('%PDF-1.7 invoice'),
          {
            'Content-Type': 'application/pdf',
            'Content-Disposition': "attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
          },
        ];
      })
      .get('/keys/license%20key.txt')
      .reply(200, 'KEY-1234', { 'Content-Type': 'text/plain; charset=utf-8' });
    const gmail = captureGmailSend();
    const result = await send({
      ...base,
      attachments: [
        'https://files.example.com/download?token=secret123',
        'https://files.example.com/keys/license%20key.txt',
      ],
    });
    const mail = await gmail.parsed();
    expect(seen).toEqual([undefined]);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['Rechnung März.pdf', 'application/pdf', '%PDF-1.7 invoice'],
      ['license key.txt', 'text/plain', 'KEY-1234'],
    ]);
    expect(result).toMatchObject({ attachments_count: 2 });
  });

  it('refuses an attachment that cannot be downloaded, naming only its host, and sends nothing', async () => {
    nock('https://files.example.com').get('/gone.pdf').query(true).reply(404, 'Not Found');
    const unmatched = recordUnmatched();
    const err = await caught(() =>
      send({ ...base, attachments: ['https://files.example.com/gone.pdf?sig=topsecret'] }),
    );
    unmatched.stop();
    expect(err).toMatchObject({ name: 'AppError', code: 'attachment_fetch_failed' });
    expect(err.message).toMatch(
      /^Attachment 1 \(from files\.example\.com\) could not be downloaded \(HTTP 404\)/,
    );
    expect(err.message).not.toContain('topsecret');
    expect(unmatched.urls).toEqual([]);
  });

  it('refuses an unreachable attachment host without showing the URL', async () => {
    nock('https://files.example.com')
      .get('/a.pdf')
      .query(true)
      .replyWithError(
        Object.assign(new Error('socket hang up https://files.example.com/a.pdf?sig=topsecret'), {
          code: 'ECONNRESET',
        }),
      );
    const err = await caught(() =>
      send({ ...base, attachments: ['https://files.example.com/a.pdf?sig=topsecret'] }),
    );
    expect(err.message).toMatch(
      /from files\.example\.com\) could not be downloaded \(the server was unreachable\)/,
    );
    expect(err.message).not.toContain('topsecret');
  });

  it('says clearly when the Checkout Session does not exist, and sends nothing', async () => {
    nock(STRIPE_API)
      .get(/\/v1\/checkout\/sessions\/.*/)
      .query(true)
      .reply(404, stripe404);
    const unmatched = recordUnmatched();
    const err = await caught(() =>
      send({ ...base, checkout_session: 'cs_test_a1Missing0123456789' }),
    );
    unmatched.stop();
    expect(err).toMatchObject({ code: 'checkout_session_not_found' });
    expect(err.message).toMatch(
      /^Checkout Session cs_test_a1Missing0123456789 is not in the connected Stripe account .*Nothing was sent\.$/,
    );
    expect(unmatched.urls).toEqual([]);
  });
});
