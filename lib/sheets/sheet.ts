import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../cache';
import { googleRequest, SHEETS_API } from '../google/request';
import { firstRowOf, rangeOf, widthOf } from './a1';
import type { CellValue } from './row';
import type {
  AppendQuery,
  AppendValuesResponse,
  GetSpreadsheetQuery,
  GetValuesQuery,
  Spreadsheet,
  UpdateValuesQuery,
  ValueRange,
} from '../google/types';

/** Sheets REST calls, all through googleRequest (errors mapped by middleware.ts). */
export interface SheetRef {
  spreadsheetId: string;
  worksheet: string;
}

export const HEADER_TTL_SECONDS = 300;

const valuesUrl = (ref: SheetRef, a1: string, suffix = '') =>
  `${SHEETS_API}/${encodeURIComponent(ref.spreadsheetId)}/values/${encodeURIComponent(rangeOf(ref.worksheet, a1))}${suffix}`;
const resourceOf = (ref: SheetRef) =>
  `the worksheet "${ref.worksheet}" of spreadsheet ${ref.spreadsheetId}`;
const headerKey = (ref: SheetRef) => `sheets-header:${ref.spreadsheetId}:${ref.worksheet}`;

export async function listWorksheets(
  z: ZObject,
  spreadsheetId: string,
): Promise<{ id: string; title: string; index: number }[]> {
  const data = await googleRequest<Spreadsheet>(z, {
    url: `${SHEETS_API}/${encodeURIComponent(spreadsheetId)}`,
    params: { fields: 'sheets.properties(sheetId,title,index)' } satisfies GetSpreadsheetQuery,
    resource: `the spreadsheet ${spreadsheetId}`,
  });
  return (data.sheets ?? [])
    .map(({ properties: p }) => ({ title: p?.title ?? '', index: p?.index ?? 0 }))
    .filter((tab) => tab.title)
    .map((tab) => ({ id: tab.title, ...tab }))
    .sort((a, b) => a.index - b.index);
}

export async function readHeader(z: ZObject, ref: SheetRef): Promise<string[]> {
  const data = await googleRequest<ValueRange>(z, {
    url: valuesUrl(ref, '1:1'),
    resource: resourceOf(ref),
  });
  const header = (data.values?.[0] ?? []).map((v) => String(v));
  await connectionCache(z).set(headerKey(ref), header, HEADER_TTL_SECONDS);
  return header;
}

/** The header row, from a short-lived cache when warm (0 calls) or read (1 call). */
export async function cachedHeader(
  z: ZObject,
  ref: SheetRef,
): Promise<{ header: string[]; fresh: boolean }> {
  const cached: unknown = await connectionCache(z).get(headerKey(ref));
  if (Array.isArray(cached)) return { header: cached.map(String), fresh: false };
  return { header: await readHeader(z, ref), fresh: true };
}

export async function forgetHeader(z: ZObject, ref: SheetRef): Promise<void> {
  await connectionCache(z).delete(headerKey(ref));
}

/** One column's values, top to bottom (row 1 first). */
export async function readColumn(z: ZObject, ref: SheetRef, letter: string): Promise<CellValue[]> {
  const data = await googleRequest<ValueRange>(z, {
    url: valuesUrl(ref, `${letter}:${letter}`),
    params: { majorDimension: 'COLUMNS' } satisfies GetValuesQuery,
    resource: resourceOf(ref),
  });
  return (data.values?.[0] ?? []) as CellValue[];
}

export async function writeHeader(z: ZObject, ref: SheetRef, header: string[]): Promise<void> {
  await googleRequest(z, {
    url: valuesUrl(ref, 'A1'),
    method: 'PUT',
    params: { valueInputOption: 'RAW' } satisfies UpdateValuesQuery,
    body: {
      range: rangeOf(ref.worksheet, 'A1'),
      majorDimension: 'ROWS',
      values: [header],
    } satisfies ValueRange,
    resource: resourceOf(ref),
  });
  await connectionCache(z).set(headerKey(ref), header, HEADER_TTL_SECONDS);
}

/**
 * Appends one row: RAW (customer text never becomes a formula), INSERT_ROWS, anchored at A1 so
 * the API finds the table from the top. When the table turns out wider than the cached header,
 * the header is forgotten so the next step re-reads it.
 */
export async function appendRow(
  z: ZObject,
  ref: SheetRef,
  row: CellValue[],
  headerWidth: number,
): Promise<{ row: number | null; updatedRange: string }> {
  const data = await googleRequest<AppendValuesResponse>(z, {
    url: valuesUrl(ref, 'A1', ':append'),
    method: 'POST',
    params: {
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      includeValuesInResponse: 'false',
    } satisfies AppendQuery,
    body: { majorDimension: 'ROWS', values: [row] } satisfies ValueRange,
    resource: resourceOf(ref),
  });
  const tableWidth = widthOf(data.tableRange ?? undefined);
  if (tableWidth !== null && tableWidth !== headerWidth) await forgetHeader(z, ref);
  const updatedRange = data.updates?.updatedRange ?? '';
  return { row: firstRowOf(updatedRange || undefined), updatedRange };
}
