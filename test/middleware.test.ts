import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { googleRequest } from '../lib/google/request';
import { fetchAttachments } from '../lib/email/attachments';
import { forgiving } from './doubles/strict';
import { appTester, caught, makeBundle, SHEETS_HOST } from './helpers';
import { useRuntime } from './runtime';

const SHEET = '/v4/spreadsheets/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf';
const callSheets = (z: ZObject) =>
  googleRequest(z, { url: `${SHEETS_HOST}${SHEET}`, resource: 'the spreadsheet "1AbC…"' });
const googleError = (code: number, status: string, message: string, reason?: string) => ({
  error: {
    code,
    message,
    status,
    ...(reason ? { errors: [{ message, domain: 'global', reason }] } : {}),
  },
});

describe('Google requests', () => {
  it('carry the bearer token to Google API hosts', async () => {
    nock(SHEETS_HOST)
      .get(SHEET)
      .matchHeader('authorization', 'Bearer ya29.test-access-token')
      .reply(200, { spreadsheetId: 'x' });
    expect(await appTester(callSheets, makeBundle())).toEqual({ spreadsheetId: 'x' });
  });

  it('never carry the Google token to another host (an attachment URL, say)', async () => {
    let authorization: string | undefined = 'not checked';
    nock('https://files.example.com')
      .get('/invoice.pdf')
      .reply(function () {
        authorization = this.req.headers.authorization as string | undefined;
        return [200, 'pdf'];
      });
    await appTester(
      (z: ZObject) => z.request({ url: 'https://files.example.com/invoice.pdf' }),
      makeBundle(),
    );
    expect(authorization).toBeUndefined();
  });

  it('nor to a look-alike host', async () => {
    let authorization: string | undefined = 'not checked';
    nock('https://sheets.googleapis.com.evil.example')
      .get('/')
      .reply(function () {
        authorization = this.req.headers.authorization as string | undefined;
        return [200, '{}'];
      });
    await appTester(
      (z: ZObject) => z.request({ url: 'https://sheets.googleapis.com.evil.example/' }),
      makeBundle(),
    );
    expect(authorization).toBeUndefined();
  });
});

/**
 * Probes where the token goes, with a GET to each URL (some Google serves by POST only, one
 * gets no token on purpose): Google's answer is not the point, so the strict double stands aside.
 */
const authorizationSentTo = async (
  url: string,
  send: () => Promise<unknown>,
): Promise<string | undefined> => {
  const { origin, pathname } = new URL(url);
  let authorization: string | undefined = 'not checked';
  nock(origin)
    .get(pathname)
    .query(true)
    .reply(function () {
      authorization = this.req.headers.authorization as string | undefined;
      return [200, '{}', { 'Content-Type': 'application/json' }];
    });
  await forgiving(send);
  return authorization;
};
const authorizationAt = (url: string) =>
  authorizationSentTo(url, () => appTester((z: ZObject) => z.request({ url }), makeBundle()));

describe('the Google token goes only to the Google API endpoints we call', () => {
  it.each([
    'https://storage.googleapis.com/acme-downloads/ebook.pdf',
    'https://acme-downloads.storage.googleapis.com/ebook.pdf',
    'https://firebasestorage.googleapis.com/v0/b/acme.appspot.com/o/ebook.pdf?alt=media',
    'https://www.googleapis.com/download/storage/v1/b/acme/o/ebook.pdf?alt=media',
    'https://www.googleapis.com/drive/v3/files/1AbC?alt=media',
    'https://www.googleapis.com/storage/v1/b/acme/o/ebook.pdf',
    'https://googleapis.com/v4/spreadsheets/x',
    'https://gmail.googleapis.com/gmail/v1/users/other@example.com/messages',
    'https://sheets.googleapis.com.evil.example/v4/spreadsheets/x',
    'http://sheets.googleapis.com/v4/spreadsheets/x',
  ])('not to %s', async (url) => {
    expect(await authorizationAt(url)).toBeUndefined();
  });

  it.each([
    'https://sheets.googleapis.com/v4/spreadsheets',
    'https://sheets.googleapis.com/v4/spreadsheets/1AbC/values/A1:append',
    'https://gmail.googleapis.com/gmail/v1/users/me/messages/send',
    'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/send',
    'https://www.googleapis.com/oauth2/v3/userinfo',
  ])('to %s', async (url) => {
    expect(await authorizationAt(url)).toBe('Bearer ya29.test-access-token');
  });
});

describe('Google failures become the right Zapier error', () => {
  it.each([
    [
      401,
      googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      {},
      { name: 'RefreshAuthError' },
    ],
    [
      429,
      googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Write requests'"),
      { 'Retry-After': '17' },
      { name: 'ThrottledError', delay: 17 },
    ],
    [
      403,
      googleError(403, 'PERMISSION_DENIED', 'User rate limit exceeded.', 'userRateLimitExceeded'),
      {},
      { name: 'ThrottledError' },
    ],
    [
      403,
      googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'),
      {},
      {
        name: 'ExpiredAuthError',
        message: expect.stringMatching(/reconnect to renew Google access/),
      },
    ],
    [
      403,
      googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
      {},
      {
        name: 'AppError',
        status: 403,
        message: expect.stringMatching(/^No permission for the spreadsheet "1AbC…": share it/),
      },
    ],
    [
      404,
      googleError(404, 'NOT_FOUND', 'Requested entity was not found.'),
      {},
      {
        name: 'AppError',
        status: 404,
        message: expect.stringMatching(/could not find the spreadsheet "1AbC…"/),
      },
    ],
    [
      400,
      googleError(400, 'INVALID_ARGUMENT', 'Unable to parse range: Orders!A1'),
      {},
      {
        name: 'AppError',
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/Google said: Unable to parse range/),
      },
    ],
    [
      503,
      googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'),
      {},
      {
        name: 'AppError',
        message: expect.stringMatching(/temporarily unavailable.*nothing was written/),
      },
    ],
  ])('HTTP %i', async (status, body, headers, expected) => {
    nock(SHEETS_HOST).get(SHEET).reply(status, body, headers);
    expect(await caught(() => appTester(callSheets, makeBundle()))).toMatchObject(expected);
  });

  it('a 429 without Retry-After waits 60 s plus jitter', async () => {
    nock(SHEETS_HOST)
      .get(SHEET)
      .reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'));
    const { delay } = await caught(() => appTester(callSheets, makeBundle()));
    expect(delay).toBeGreaterThanOrEqual(60);
    expect(delay).toBeLessThan(90);
  });

  it('another host answering 429 is retried later too', async () => {
    nock('https://files.example.com').get('/a.pdf').reply(429, 'slow down', { 'Retry-After': '5' });
    const error = await caught(() =>
      appTester(
        (z: ZObject) => z.request({ url: 'https://files.example.com/a.pdf' }),
        makeBundle(),
      ),
    );
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 5 });
    expect(error.message).toContain('files.example.com');
  });
});

describe('raw (streamed) Google responses', () => {
  it('are mapped by status without reading the body', async () => {
    nock(SHEETS_HOST)
      .get(SHEET)
      .reply(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    const error = await caught(() =>
      appTester(
        (z: ZObject) => z.request({ url: `${SHEETS_HOST}${SHEET}`, raw: true }),
        makeBundle(),
      ),
    );
    expect(error).toMatchObject({
      name: 'AppError',
      status: 404,
      message: expect.stringMatching(/could not find/),
    });
  });
});

describe('an attachment gets the Google token only from a file-download endpoint', () => {
  const runtime = useRuntime();
  /** Downloads one attachment through Zapier's real handler and middleware; what reached Google. */
  const attachmentAuthorization = (url: string) =>
    authorizationSentTo(url, () =>
      runtime().run((z: ZObject) => fetchAttachments(z, [new URL(url)]), makeBundle()),
    );

  it.each([
    'https://sheets.googleapis.com/v4/spreadsheets/1AbC/values/Orders!A1:Z1000',
    'https://sheets.googleapis.com/v4/spreadsheets/1AbC',
    'https://gmail.googleapis.com/gmail/v1/users/me/messages',
    'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    'https://www.googleapis.com/drive/v3/files/1AbC',
    'https://www.googleapis.com/drive/v3/files/1AbC?alt=media',
    'https://www.googleapis.com/oauth2/v3/userinfo',
    'https://docs.google.com/spreadsheets/d/1AbC/edit',
  ])('not from %s', async (url) => {
    expect(await attachmentAuthorization(url)).toBeUndefined();
  });

  it('from a spreadsheet export', async () => {
    expect(
      await attachmentAuthorization(
        'https://docs.google.com/spreadsheets/d/1AbC/export?format=pdf',
      ),
    ).toBe('Bearer ya29.test-access-token');
  });
});
