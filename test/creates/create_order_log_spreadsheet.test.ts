import nock from 'nock';
import op from '../../creates/create_order_log_spreadsheet';
import { ORDER_LOG_HEADER } from '../../lib/sheets/order-row';
import session from '../fixtures/foundation/checkout_session.json';
import {
  caught,
  countRequests,
  makeBundle,
  refusedBeforeSending,
  SHEETS_HOST,
  STRIPE_API,
} from '../helpers';
import { useRuntime } from '../runtime';
import { appendWrite, headerAndColumnRead, SHEET_ID, type Captured } from './sheets-helpers';

const runtime = useRuntime();
const create = (inputData: Record<string, unknown>) =>
  runtime().run(`creates.${op.key}.operation.perform`, makeBundle({ inputData }));

function sheetsCreate(captured: { query?: unknown; body?: unknown } = {}) {
  return nock(SHEETS_HOST)
    .post('/v4/spreadsheets')
    .query((q) => ((captured.query = q), true))
    .reply(200, (_uri, body) => {
      captured.body = body;
      const { properties, sheets } = body as {
        properties: { title: string };
        sheets: { properties: { title: string } }[];
      };
      return {
        spreadsheetId: SHEET_ID,
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit`,
        properties: { title: properties.title, locale: 'en_US', timeZone: 'Etc/GMT' },
        sheets: [
          { properties: { sheetId: 1785093243, title: sheets[0].properties.title, index: 0 } },
        ],
      };
    });
}

describe('create_order_log_spreadsheet', () => {
  it('creates the spreadsheet with the order header, bold and frozen, in one Sheets call', async () => {
    const captured: { query?: unknown; body?: unknown } = {};
    const calls = countRequests(sheetsCreate(captured));
    const out = await create({ title: 'Orders 2026' });
    expect(calls()).toBe(1);
    expect(captured.query).toEqual({
      fields: 'spreadsheetId,spreadsheetUrl,properties.title,sheets.properties',
    });
    const body = captured.body as {
      properties: { title: string };
      sheets: {
        properties: { title: string; gridProperties: { frozenRowCount: number } };
        data: {
          rowData: {
            values: {
              userEnteredValue: { stringValue: string };
              userEnteredFormat: { textFormat: { bold: boolean } };
            }[];
          }[];
        }[];
      }[];
    };
    expect(body.properties.title).toBe('Orders 2026');
    expect(body.sheets[0].properties).toMatchObject({
      title: 'Orders',
      gridProperties: { frozenRowCount: 1 },
    });
    const cells = body.sheets[0].data[0].rowData[0].values;
    expect(cells.map((c) => c.userEnteredValue.stringValue)).toEqual(ORDER_LOG_HEADER);
    expect(cells.every((c) => c.userEnteredFormat.textFormat.bold)).toBe(true);
    expect(out).toEqual({
      spreadsheet_id: SHEET_ID,
      spreadsheet_url: `https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit`,
      title: 'Orders 2026',
      worksheet: 'Orders',
      worksheet_id: 1785093243,
      columns: ORDER_LOG_HEADER,
    });
  });

  it('the next step logs an order into it without looking the tab up: one read, one write', async () => {
    sheetsCreate();
    const made = (await create({ title: 'Orders 2026', worksheet: 'Sales' })) as {
      spreadsheet_url: string;
    };
    nock(STRIPE_API).get(`/v1/checkout/sessions/${session.id}`).query(true).reply(200, session);
    const captured: Captured[] = [];
    const google = countRequests(
      headerAndColumnRead('Sales', ORDER_LOG_HEADER, 'A', ['Session ID']),
      appendWrite('Sales', 2, ORDER_LOG_HEADER.length, captured),
    );
    await runtime().run(
      'creates.log_checkout_to_sheet.operation.perform',
      makeBundle({
        inputData: {
          checkout_session: session.id,
          spreadsheet: made.spreadsheet_url,
          worksheet: 'Sales',
        },
      }),
    );
    expect(google()).toBe(2);
    expect(captured[0].body.values[0][0]).toBe(session.id);
  });

  it('a 5xx says the spreadsheet may have been created', async () => {
    nock(SHEETS_HOST)
      .post('/v4/spreadsheets')
      .query(true)
      .reply(503, { error: { code: 503, message: 'The service is currently unavailable.' } });
    const err = await caught(() => create({ title: 'Orders 2026' }));
    expect(err.message).toMatch(/may have been created: look for it in Google Sheets/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a blank title', { title: '  ' }, /Spreadsheet Title is empty/],
    ['a 201-character title', { title: 'x'.repeat(201) }, /at most 200 characters/],
    [
      'a 101-character tab name',
      { title: 'Orders', worksheet: 'y'.repeat(101) },
      /Worksheet Name at most 100/,
    ],
  ])('refuses %s before any request', async (_name, input, message) => {
    const { err, sent } = await refusedBeforeSending(() => create(input));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});
