import nock from 'nock';
import { orderLogRequest } from '../../../lib/sheets/create';
import { expectRefusals } from '../strict';
import type { WireRequest } from '../wire';
import { checkGoogleRequest } from './check';

const SHEETS = 'https://sheets.googleapis.com';
const GMAIL = 'https://gmail.googleapis.com';
const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const AUTH = { authorization: 'Bearer ya29.token' };
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const range = (a1: string) => encodeURIComponent(`'Orders'!${a1}`);
const values = `/v4/spreadsheets/${ID}/values`;
const APPEND = `${values}/${range('A1')}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`;
const MIME = Buffer.from('From: a@example.com\r\nTo: b@example.com\r\n\r\nHi').toString(
  'base64url',
);

type Row = Partial<WireRequest> & { origin: string; path: string };

function request(row: Row): WireRequest {
  return { method: 'GET', headers: AUTH, body: '', ...row };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const json = (body: unknown) => ({
  headers: { ...AUTH, ...JSON_TYPE },
  body: JSON.stringify(body),
});

// Every request shape the app sends (lib/sheets, lib/email/gmail.ts, authentication.ts).
const ACCEPTED: [string, Row][] = [
  ['values.get: the header row', { origin: SHEETS, path: `${values}/${range('1:1')}` }],
  [
    'values.get: one column',
    { origin: SHEETS, path: `${values}/${range('C:C')}?majorDimension=COLUMNS` },
  ],
  [
    'values.batchGet: header and column',
    {
      origin: SHEETS,
      path: `${values}:batchGet?${new URLSearchParams([
        ['ranges', "'Bob''s'!1:1"],
        ['ranges', "'Bob''s'!A:A"],
      ])}`,
    },
  ],
  [
    'values.update: the header',
    {
      origin: SHEETS,
      method: 'PUT',
      path: `${values}/${range('A1')}?valueInputOption=RAW`,
      ...json({ range: "'Orders'!A1", majorDimension: 'ROWS', values: [['Date', 'Total']] }),
    },
  ],
  [
    'values.append: one row',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${APPEND}&includeValuesInResponse=false`,
      ...json({ majorDimension: 'ROWS', values: [['2026-11-01', 12.5, true, null, '']] }),
    },
  ],
  [
    'values.batchUpdate: cells',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${values}:batchUpdate`,
      ...json({
        valueInputOption: 'RAW',
        data: [{ range: "'Orders'!D7", majorDimension: 'ROWS', values: [['refunded']] }],
      }),
    },
  ],
  [
    'spreadsheets.get: the tabs',
    {
      origin: SHEETS,
      path: `/v4/spreadsheets/${ID}?fields=${encodeURIComponent('sheets.properties(sheetId,title,index)')}`,
    },
  ],
  [
    'spreadsheets.create: the order log',
    {
      origin: SHEETS,
      method: 'POST',
      path: '/v4/spreadsheets?fields=spreadsheetId',
      ...json(orderLogRequest('Orders', 'Orders')),
    },
  ],
  [
    'messages.send: JSON raw',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/gmail/v1/users/me/messages/send',
      ...json({ raw: MIME }),
    },
  ],
  [
    'messages.send: upload as message/rfc822',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/upload/gmail/v1/users/me/messages/send?uploadType=media',
      headers: { ...AUTH, 'content-type': 'message/rfc822' },
      body: 'From: a@example.com\r\n\r\nHi',
    },
  ],
  [
    'messages.send under www.googleapis.com',
    {
      origin: 'https://www.googleapis.com',
      method: 'POST',
      path: '/gmail/v1/users/me/messages/send',
      ...json({ raw: MIME }),
    },
  ],
  ['userinfo', { origin: 'https://www.googleapis.com', path: '/oauth2/v3/userinfo' }],
  [
    'token: authorization code',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: form({
        client_id: 'c',
        client_secret: 's',
        grant_type: 'authorization_code',
        code: '4/abc',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
      }),
    },
  ],
  [
    'token: refresh',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: form({
        client_id: 'c',
        client_secret: 's',
        grant_type: 'refresh_token',
        refresh_token: '1//r',
      }),
    },
  ],
  [
    'tokeninfo',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/tokeninfo',
      headers: FORM,
      body: form({ access_token: 'ya29.token' }),
    },
  ],
  [
    'another www.googleapis.com API is not ours',
    { origin: 'https://www.googleapis.com', path: '/drive/v3/files' },
  ],
];

// One row per rule: the request, Google's status and (part of) its message.
const REFUSED: [string, Row, number, string][] = [
  ['unknown path', { origin: SHEETS, path: `/v4/spreadsheet/${ID}` }, 404, 'was not found'],
  [
    'wrong HTTP method',
    { origin: SHEETS, method: 'DELETE', path: `${values}/${range('A1')}` },
    404,
    'was not found',
  ],
  [
    'no bearer token',
    { origin: SHEETS, path: `${values}/${range('1:1')}`, headers: {} },
    401,
    'UNAUTHENTICATED',
  ],
  [
    'unknown query parameter',
    { origin: SHEETS, path: `${values}/${range('1:1')}?majorDimensions=ROWS` },
    400,
    `Unknown name "majorDimensions": Cannot bind query parameter. Field 'majorDimensions' could not be found in request message.`,
  ],
  [
    'enum query value',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${APPEND.replace('RAW', 'RAWW')}`,
      ...json({ values: [['a']] }),
    },
    400,
    `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "RAWW"`,
  ],
  [
    'boolean query value',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${APPEND}&includeValuesInResponse=no`,
      ...json({ values: [['a']] }),
    },
    400,
    `Invalid value at 'include_values_in_response' (TYPE_BOOL), "no"`,
  ],
  [
    'integer query value',
    { origin: GMAIL, path: '/gmail/v1/users/me/messages?maxResults=1.5' },
    400,
    `Invalid value at 'max_results' (TYPE_INT32), "1.5"`,
  ],
  [
    'valueInputOption left out of the query',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${values}/${range('A1')}:append`,
      ...json({ values: [['a']] }),
    },
    400,
    `'valueInputOption' is required but not specified`,
  ],
  [
    'valueInputOption left out of the body',
    { origin: SHEETS, method: 'POST', path: `${values}:batchUpdate`, ...json({ data: [] }) },
    400,
    `'valueInputOption' is required but not specified`,
  ],
  [
    'misspelt body property',
    { origin: SHEETS, method: 'POST', path: APPEND, ...json({ value: [['a']] }) },
    400,
    `Invalid JSON payload received. Unknown name "value" at 'data': Cannot find field.`,
  ],
  [
    'misspelt nested body property',
    {
      origin: SHEETS,
      method: 'POST',
      path: '/v4/spreadsheets',
      ...json({ sheets: [{ properties: { titel: 'Orders' } }] }),
    },
    400,
    `Unknown name "titel" at 'spreadsheet.sheets[0].properties': Cannot find field.`,
  ],
  [
    'enum body value',
    {
      origin: SHEETS,
      method: 'POST',
      path: APPEND,
      ...json({ majorDimension: 'ROW', values: [] }),
    },
    400,
    `Invalid value at 'data.major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "ROW"`,
  ],
  [
    'list for a message field',
    {
      origin: SHEETS,
      method: 'POST',
      path: '/v4/spreadsheets',
      ...json({ properties: [{ title: 'x' }] }),
    },
    400,
    'Proto field is not repeating, cannot start list.',
  ],
  [
    'message for a list field',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${values}:batchUpdate`,
      ...json({ valueInputOption: 'RAW', data: {} }),
    },
    400,
    `Invalid value at 'data' (TYPE_LIST), {}`,
  ],
  [
    'scalar of the wrong kind',
    {
      origin: SHEETS,
      method: 'POST',
      path: '/v4/spreadsheets',
      ...json({ properties: { title: 5 } }),
    },
    400,
    `Invalid value at 'spreadsheet.properties.title' (TYPE_STRING), 5`,
  ],
  [
    'a cell that is not a scalar',
    { origin: SHEETS, method: 'POST', path: APPEND, ...json({ values: [['a', { b: 1 }]] }) },
    400,
    'Invalid values[0][1]: struct_value',
  ],
  [
    'a cell longer than Sheets holds',
    { origin: SHEETS, method: 'POST', path: APPEND, ...json({ values: [['x'.repeat(50_001)]] }) },
    400,
    'Your input contains more than the maximum of 50000 characters in a single cell.',
  ],
  [
    'a row that is not a list',
    { origin: SHEETS, method: 'POST', path: APPEND, ...json({ values: ['a'] }) },
    400,
    `Invalid value at 'data.values[0]' (type.googleapis.com/google.protobuf.ListValue), "a"`,
  ],
  [
    'body not JSON',
    {
      origin: SHEETS,
      method: 'POST',
      path: APPEND,
      headers: { ...AUTH, ...JSON_TYPE },
      body: 'values=a',
    },
    400,
    'Invalid JSON payload received. Unexpected token.',
  ],
  [
    "a sheet name whose ' is not doubled (path)",
    { origin: SHEETS, path: `${values}/${encodeURIComponent("'Bob's'!1:1")}` },
    400,
    "Unable to parse range: 'Bob's'!1:1",
  ],
  [
    'an unparsable range (query)',
    {
      origin: SHEETS,
      path: `${values}:batchGet?ranges=${encodeURIComponent("'Orders'!A1:B2:C3")}`,
    },
    400,
    "Unable to parse range: 'Orders'!A1:B2:C3",
  ],
  [
    'an unparsable range (body)',
    {
      origin: SHEETS,
      method: 'POST',
      path: `${values}:batchUpdate`,
      ...json({ valueInputOption: 'RAW', data: [{ range: "'Orders!D7", values: [['x']] }] }),
    },
    400,
    "Unable to parse range: 'Orders!D7",
  ],
  [
    'upload without uploadType',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/upload/gmail/v1/users/me/messages/send',
      headers: { ...AUTH, 'content-type': 'message/rfc822' },
      body: 'x',
    },
    400,
    'Invalid uploadType',
  ],
  [
    'upload that is not a message',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/upload/gmail/v1/users/me/messages/send?uploadType=media',
      headers: { ...AUTH, ...JSON_TYPE },
      body: 'x',
    },
    400,
    "Media type 'application/json' is not supported.",
  ],
  [
    'upload without a body',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/upload/gmail/v1/users/me/messages/send?uploadType=media',
      headers: { ...AUTH, 'content-type': 'message/rfc822' },
    },
    400,
    "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
  ],
  [
    'JSON send without raw',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/gmail/v1/users/me/messages/send',
      ...json({ threadId: 't' }),
    },
    400,
    "'raw' RFC822 payload message string",
  ],
  [
    'raw that is not base64',
    {
      origin: GMAIL,
      method: 'POST',
      path: '/gmail/v1/users/me/messages/send',
      ...json({ raw: 'From: a\r\n' }),
    },
    400,
    "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed",
  ],
  [
    'userinfo without a token',
    { origin: 'https://www.googleapis.com', path: '/oauth2/v3/userinfo', headers: {} },
    401,
    'Invalid Credentials',
  ],
  [
    'unknown OAuth path',
    { origin: 'https://www.googleapis.com', path: '/oauth2/v2/userinfos' },
    404,
    'was not found',
  ],
  [
    'token: unknown grant type',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: form({ client_id: 'c', client_secret: 's', grant_type: 'refresh' }),
    },
    400,
    'unsupported_grant_type',
  ],
  [
    'token: empty refresh token',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: form({
        client_id: 'c',
        client_secret: 's',
        grant_type: 'refresh_token',
        refresh_token: '',
      }),
    },
    400,
    'Missing required parameter: refresh_token',
  ],
  [
    'token: no client id',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: form({ grant_type: 'refresh_token', refresh_token: 'r' }),
    },
    400,
    'Could not determine client ID from request.',
  ],
  [
    'token: not a form',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/token',
      headers: {},
      body: 'x',
    },
    400,
    'Unsupported content type',
  ],
  [
    'tokeninfo without a token',
    {
      origin: 'https://oauth2.googleapis.com',
      method: 'POST',
      path: '/tokeninfo',
      headers: FORM,
      body: '',
    },
    400,
    'access_token or id_token',
  ],
];

describe('the strict Google double', () => {
  it.each(ACCEPTED)('accepts %s', (_name, row) => {
    expect(checkGoogleRequest(request(row))).toBeNull();
  });

  it.each(REFUSED)('refuses %s', (_name, row, status, message) => {
    const refusal = checkGoogleRequest(request(row));
    expect(refusal?.status).toBe(status);
    expect(JSON.stringify(refusal?.body)).toContain(JSON.stringify(message).slice(1, -1));
  });

  it("answers in Google's error shape", () => {
    const refusal = checkGoogleRequest(request({ origin: SHEETS, path: `${values}/x?foo=1` }));
    expect(refusal?.body).toEqual({
      error: {
        code: 400,
        message: expect.stringContaining('Unknown name "foo"'),
        status: 'INVALID_ARGUMENT',
        errors: [expect.objectContaining({ reason: 'badRequest' })],
        details: [
          expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.BadRequest' }),
        ],
      },
    });
  });

  it('stands in for every nock reply to Google in every test', async () => {
    nock(SHEETS).get(/.*/).reply(200, { values: [] });
    const { refusals, result } = await expectRefusals(async () => {
      const res = await fetch(`${SHEETS}${values}/${range('1:1')}?majorDimensions=ROWS`, {
        headers: AUTH,
      });
      return res.status;
    });
    expect(result).toBe(400);
    expect(refusals).toEqual([expect.stringContaining('Unknown name "majorDimensions"')]);
  });
});
