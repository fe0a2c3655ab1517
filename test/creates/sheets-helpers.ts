import nock from 'nock';
import type { AppendValuesResponse, ValueRange } from '../../lib/google/types';
import { SHEETS_HOST } from '../helpers';

export const SHEET_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf';
export const SHEET_URL = `https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit#gid=0`;
const base = `/v4/spreadsheets/${SHEET_ID}/values/`;

/** Matches a values path by its decoded range, e.g. "'Orders'!1:1" or "'Orders'!A1:append". */
export const valuesPath = (range: string) => (uri: string) =>
  decodeURIComponent(uri.split('?')[0]) === `${base}${range}`;

export function headerRead(worksheet: string, header: string[]) {
  return nock(SHEETS_HOST)
    .get(valuesPath(`'${worksheet.replace(/'/g, "''")}'!1:1`))
    .reply(200, {
      range: `'${worksheet}'!A1:Z1`,
      majorDimension: 'ROWS',
      ...(header.length ? { values: [header] } : {}),
    } satisfies ValueRange);
}

export function columnRead(worksheet: string, letter: string, cells: unknown[]) {
  return nock(SHEETS_HOST)
    .get(valuesPath(`'${worksheet}'!${letter}:${letter}`))
    .query({ majorDimension: 'COLUMNS' })
    .reply(200, {
      range: `'${worksheet}'!${letter}1:${letter}1000`,
      majorDimension: 'COLUMNS',
      values: [cells],
    } satisfies ValueRange);
}

export type Captured = {
  query: Record<string, string>;
  body: { majorDimension: string; values: unknown[][] };
};

export function appendWrite(
  worksheet: string,
  row: number,
  width: number,
  captured: Captured[] = [],
) {
  const quoted = `'${worksheet.replace(/'/g, "''")}'`;
  const last = String.fromCharCode(64 + width);
  return nock(SHEETS_HOST)
    .post(valuesPath(`${quoted}!A1:append`))
    .query(
      (q) => (
        captured.push({
          query: q as Record<string, string>,
          body: { majorDimension: '', values: [] },
        }),
        true
      ),
    )
    .reply(200, (_uri, body) => {
      captured[captured.length - 1].body = body as Captured['body'];
      return {
        spreadsheetId: SHEET_ID,
        tableRange: `${quoted}!A1:${last}${row - 1}`,
        updates: {
          spreadsheetId: SHEET_ID,
          updatedRange: `${quoted}!A${row}:${last}${row}`,
          updatedRows: 1,
          updatedColumns: width,
          updatedCells: width,
        },
      } satisfies AppendValuesResponse;
    });
}

const quote = (worksheet: string) => `'${worksheet.replace(/'/g, "''")}'`;

/** The tab list (spreadsheets.get with sheets.properties): how a tab's id is learned. */
export function tabsRead(tabs: [title: string, sheetId: number][]) {
  return nock(SHEETS_HOST)
    .get(`/v4/spreadsheets/${SHEET_ID}`)
    .query({ fields: 'sheets.properties(sheetId,title,index)' })
    .reply(200, {
      sheets: tabs.map(([title, sheetId], index) => ({ properties: { sheetId, title, index } })),
    });
}

/**
 * values:batchGet of row 1 and one column (`cells` from row 1 down, '' for an empty cell), as
 * Google answers it: ROWS-major, empty trailing rows left out.
 */
export function headerAndColumnRead(
  worksheet: string,
  header: string[],
  letter: string,
  cells: unknown[],
) {
  const quoted = quote(worksheet);
  return nock(SHEETS_HOST)
    .get(`/v4/spreadsheets/${SHEET_ID}/values:batchGet`)
    .query((q) => {
      const ranges = [q.ranges].flat();
      return ranges[0] === `${quoted}!1:1` && ranges[1] === `${quoted}!${letter}:${letter}`;
    })
    .reply(200, {
      spreadsheetId: SHEET_ID,
      valueRanges: [
        {
          range: `${quoted}!A1:Z1`,
          majorDimension: 'ROWS',
          ...(header.length ? { values: [header] } : {}),
        },
        {
          range: `${quoted}!${letter}1:${letter}1000`,
          majorDimension: 'ROWS',
          ...(cells.length ? { values: cells.map((c) => (c === '' ? [] : [c])) } : {}),
        },
      ],
    });
}

/** Google's answer for a range on a tab that no longer has that title. */

export type CapturedCells = {
  valueInputOption: string;
  data: { range: string; values: unknown[][] }[];
};

/** values:batchUpdate (single cells), answered as Google does; the request body is captured. */
export function cellsWrite(captured: CapturedCells[] = []) {
  return nock(SHEETS_HOST)
    .post(`/v4/spreadsheets/${SHEET_ID}/values:batchUpdate`)
    .reply(200, (_uri, body) => {
      const sent = body as CapturedCells;
      captured.push(sent);
      return {
        spreadsheetId: SHEET_ID,
        totalUpdatedRows: 1,
        totalUpdatedCells: sent.data.length,
        responses: sent.data.map((d) => ({
          spreadsheetId: SHEET_ID,
          updatedRange: d.range,
          updatedRows: 1,
          updatedColumns: 1,
          updatedCells: 1,
        })),
      };
    });
}
