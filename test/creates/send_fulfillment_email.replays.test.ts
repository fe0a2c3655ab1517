import nock from 'nock';
import op from '../../creates/send_fulfillment_email';
import { ONE_DAY_SECONDS } from '../../lib/cache';
import { SENDING_TTL_SECONDS, type SentEmail } from '../../lib/email/send';
import { caught, GMAIL_HOST, makeBundle, recordUnmatched } from '../helpers';
import { useRuntime } from '../runtime';
import { captureGmailSend, SEND_PATH } from '../lib/email/mime-helpers';
import gmailMessage from '../fixtures/email/gmail_message.json';

// Killed runs, replays and timeouts, in a stand-in for Zapier's runtime whose cache honours
// scope, TTL and nx (one cache per test, shared by the runs of that test).
const runtime = useRuntime();
const send = (inputData: Record<string, unknown>) =>
  runtime().run<SentEmail>(`creates.${op.key}.operation.perform`, makeBundle({ inputData }));
const customer = {
  to: 'zoe@example.com',
  subject: 'Your download',
  body_text: 'Thanks! https://dl.example.com/ebook.pdf',
  dedupe_key: 'cs_test_a1B2c3',
};
const warehouse = {
  to: 'warehouse@example.com',
  subject: 'Pack order cs_test_a1B2c3',
  body_text: '1 × Art print (A4)',
  dedupe_key: 'cs_test_a1B2c3',
};
const FILES = 'https://files.example.com';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilClaimed(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (
      runtime()
        .cache.keys()
        .some((k) => k.includes('email-dedupe:'))
    )
      return;
    await sleep(20);
  }
  throw new Error('the first run never claimed its email');
}

afterEach(() => {
  delete process.env.STEP_BUDGET_MS;
  // Replies still delayed for requests the step gave up on: no timer outlives the test.
  nock.abortPendingRequests();
});

describe('a killed run does not block its retry', () => {
  it('a run killed while Gmail was sending: the replay waits, then sends once; later replays send nothing', async () => {
    // Run A reaches Gmail, then Zapier abandons it (30 s): its request dies long after.
    nock(GMAIL_HOST).post(SEND_PATH).delay(800).replyWithError('socket hang up');
    const killed = send(customer).catch((err: unknown) => err);
    await untilClaimed();

    const unmatched = recordUnmatched();
    const early = await caught(() => send(customer));
    unmatched.stop();
    expect(early).toMatchObject({ name: 'ThrottledError', delay: SENDING_TTL_SECONDS });
    expect(early.message).toMatch(/being sent by another run/);
    expect(unmatched.urls).toEqual([]);

    runtime().cache.advance(SENDING_TTL_SECONDS + 1);
    const retry = captureGmailSend();
    expect(await send(customer)).toMatchObject({ deduplicated: false, id: gmailMessage.id });
    expect(retry.scope.isDone()).toBe(true);

    await killed; // the abandoned run's request finally fails: it must not erase the "sent"
    const again = recordUnmatched();
    expect(await send(customer)).toMatchObject({ deduplicated: true, id: gmailMessage.id });
    again.stop();
    expect(again.urls).toEqual([]);
  });

  it('an attachment that hangs stops the step with the slow URL named, claims nothing, and the replay sends', async () => {
    process.env.STEP_BUDGET_MS = '300';
    nock(FILES).get('/slow/invoice.pdf').query(true).delay(2_000).reply(200, 'pdf');
    const unmatched = recordUnmatched();
    const err = await caught(() =>
      send({ ...customer, attachments: [`${FILES}/slow/invoice.pdf?token=s3cr3t`] }),
    );
    unmatched.stop();
    expect(err).toMatchObject({ code: 'attachment_timeout', status: 504 });
    expect(err.message).toContain('https://files.example.com/slow/invoice.pdf');
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).toMatch(/Nothing was sent/);
    expect(unmatched.urls).toEqual([]);
    expect(
      runtime()
        .cache.keys()
        .filter((k) => k.includes('email-dedupe:')),
    ).toEqual([]);

    delete process.env.STEP_BUDGET_MS;
    nock(FILES).get('/slow/invoice.pdf').query(true).reply(200, 'pdf');
    const gmail = captureGmailSend();
    await send({ ...customer, attachments: [`${FILES}/slow/invoice.pdf?token=s3cr3t`] });
    expect(gmail.scope.isDone()).toBe(true);
  });

  it('Gmail not answering within the step says the email may have been sent, and releases the claim', async () => {
    process.env.STEP_BUDGET_MS = '300';
    nock(GMAIL_HOST).post(SEND_PATH).delay(2_000).reply(200, gmailMessage);
    const err = await caught(() => send(customer));
    expect(err).toMatchObject({ code: 'google_timeout' });
    expect(err.message).toContain(`POST ${GMAIL_HOST}${SEND_PATH}`);
    expect(err.message).toMatch(/may have been sent: check the Sent folder/);
    expect(
      runtime()
        .cache.keys()
        .filter((k) => k.includes('email-dedupe:')),
    ).toEqual([]);
  });
});

describe('the dedupe key covers one message', () => {
  it('a customer email and a warehouse email keyed by the same session both go; each only once', async () => {
    const toCustomer = captureGmailSend();
    const toWarehouse = captureGmailSend();
    expect(await send(customer)).toMatchObject({ deduplicated: false });
    expect(await send(warehouse)).toMatchObject({ deduplicated: false });
    expect(toCustomer.scope.isDone() && toWarehouse.scope.isDone()).toBe(true);
    const unmatched = recordUnmatched();
    expect(await send(customer)).toMatchObject({ deduplicated: true });
    expect(await send(warehouse)).toMatchObject({ deduplicated: true });
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('no second email within 24 hours of the first; after that the key is forgotten', async () => {
    captureGmailSend();
    await send(customer);
    runtime().cache.advance(ONE_DAY_SECONDS - 60);
    const unmatched = recordUnmatched();
    expect(await send(customer)).toMatchObject({ deduplicated: true });
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    runtime().cache.advance(120);
    const later = captureGmailSend();
    expect(await send(customer)).toMatchObject({ deduplicated: false });
    expect(later.scope.isDone()).toBe(true);
  });

  it('a changed body with the same key is a new email', async () => {
    captureGmailSend();
    await send(customer);
    const corrected = captureGmailSend();
    expect(
      await send({ ...customer, body_text: 'Thanks! Fixed link: https://dl.example.com/v2.pdf' }),
    ).toMatchObject({ deduplicated: false });
    expect(corrected.scope.isDone()).toBe(true);
  });

  it('scope "key" sends at most one email per key, whatever the message', async () => {
    captureGmailSend();
    await send({ ...customer, dedupe_scope: 'key' });
    const unmatched = recordUnmatched();
    expect(await send({ ...warehouse, dedupe_scope: 'key' })).toMatchObject({
      deduplicated: true,
    });
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('keeps one connection’s sends from another’s', async () => {
    captureGmailSend();
    await send(customer);
    const other = captureGmailSend();
    await runtime().run(
      `creates.${op.key}.operation.perform`,
      makeBundle({ inputData: customer }),
      { identity: { user: 'user-2', auth: 'auth-2' } },
    );
    expect(other.scope.isDone()).toBe(true);
  });

  it('refuses an unknown Dedupe Scope before sending', async () => {
    const unmatched = recordUnmatched();
    const err = await caught(() => send({ ...customer, dedupe_scope: 'session' }));
    unmatched.stop();
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(/Dedupe Scope "session" is not one of the choices/);
    expect(unmatched.urls).toEqual([]);
  });
});

describe('the Google token and file hosts', () => {
  it.each([
    'https://storage.googleapis.com/acme-downloads/ebook.pdf',
    'https://acme-downloads.storage.googleapis.com/ebook.pdf',
    'https://firebasestorage.googleapis.com/v0/b/acme.appspot.com/o/ebook.pdf',
  ])('an attachment at %s is fetched without the Google token', async (url) => {
    const { origin, pathname } = new URL(url);
    let authorization: unknown = 'not checked';
    nock(origin)
      .get(pathname)
      .reply(function () {
        authorization = this.req.headers.authorization;
        return [200, 'pdf', { 'Content-Type': 'application/pdf' }];
      });
    const gmail = captureGmailSend();
    await send({ ...customer, attachments: [url] });
    expect(authorization).toBeUndefined();
    expect(gmail.requestHeaders().authorization).toBe('Bearer ya29.test-access-token');
  });
});
