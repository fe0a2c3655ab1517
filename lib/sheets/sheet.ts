import type { ZObject } from 'zapier-platform-core';
import { connectionCache, ONE_DAY_SECONDS } from '../cache';
import { googleRequest, SHEETS_API } from '../google/request';
import { columnLetter, firstRowOf, rangeOf, widthOf } from './a1';
import type { CellValue } from './row';
import type {
  AppendQuery,
  AppendValuesResponse,
  GetValuesQuery,
  UpdateValuesQuery,
  ValueRange,
} from '../google/types';

/** Sheets REST calls, all through googleRequest (errors mapped by middleware.ts). */
export interface SheetRef {
  spreadsheetId: string;
  /** The tab's title as the Zap names it; after locateWorksheet, its current title. */
  worksheet: string;
  /** The tab's id, which survives renames (known after locateWorksheet). */
  sheetId?: number;
}

/** Thrown for what the user can fix in the Zap; the operation turns it into z.errors.Error. */
export class SheetInputError extends Error {}

export const HEADER_TTL_SECONDS = 300;

const valuesUrl = (ref: SheetRef, a1: string, suffix = '') =>
  `${SHEETS_API}/${encodeURIComponent(ref.spreadsheetId)}/values/${encodeURIComponent(rangeOf(ref.worksheet, a1))}${suffix}`;
export const resourceOf = (ref: SheetRef) =>
  `the worksheet "${ref.worksheet}" of spreadsheet ${ref.spreadsheetId}`;
const headerKey = (ref: SheetRef) =>
  `sheets-header:${ref.spreadsheetId}:${ref.sheetId ?? `title:${ref.worksheet}`}`;

/** Caches a header just read or written, for the field list and for guessing columns. */
export async function rememberHeader(z: ZObject, ref: SheetRef, header: string[]): Promise<void> {
  await connectionCache(z).set(headerKey(ref), header, HEADER_TTL_SECONDS);
}

export async function readHeader(z: ZObject, ref: SheetRef): Promise<string[]> {
  const data = await googleRequest<ValueRange>(z, {
    url: valuesUrl(ref, '1:1'),
    resource: resourceOf(ref),
  });
  const header = (data.values?.[0] ?? []).map((v) => String(v));
  await rememberHeader(z, ref, header);
  return header;
}

/** The header row, from a short-lived cache when warm (0 calls) or read (1 call). */
export async function cachedHeader(
  z: ZObject,
  ref: SheetRef,
): Promise<{ header: string[]; fresh: boolean }> {
  const cached = await peekHeader(z, ref);
  if (cached) return { header: cached, fresh: false };
  return { header: await readHeader(z, ref), fresh: true };
}

/** The cached header only (no call): a guess of where a column is, never a basis for writing. */
export async function peekHeader(z: ZObject, ref: SheetRef): Promise<string[] | null> {
  const cached: unknown = await connectionCache(z).get(headerKey(ref));
  return Array.isArray(cached) ? cached.map(String) : null;
}

/** The header as the Zap editor last showed the step's column fields: 30 days, per Zap. */
export const SHOWN_TTL_SECONDS = 30 * ONE_DAY_SECONDS;
const shownKey = (ref: SheetRef, zap: string | null) =>
  `sheets-shown:${ref.spreadsheetId}:${ref.sheetId ?? `title:${ref.worksheet}`}:${zap ?? '*'}`;

/** Notes the header the editor's fields were built from (for this Zap, and for any Zap). */
export async function rememberShownHeader(
  z: ZObject,
  ref: SheetRef,
  zap: string | null,
  header: string[],
): Promise<void> {
  const cache = connectionCache(z);
  await Promise.all(
    [...new Set([zap, null])].map((id) => cache.set(shownKey(ref, id), header, SHOWN_TTL_SECONDS)),
  );
}

/** The header this Zap's column fields were built from, when still remembered. */
export async function shownHeader(
  z: ZObject,
  ref: SheetRef,
  zap: string | null,
): Promise<string[] | null> {
  const cache = connectionCache(z);
  const found: unknown =
    (zap && (await cache.get(shownKey(ref, zap)))) || (await cache.get(shownKey(ref, null)));
  return Array.isArray(found) ? found.map(String) : null;
}

export async function forgetHeader(z: ZObject, ref: SheetRef): Promise<void> {
  await connectionCache(z).delete(headerKey(ref));
}

/** One column's values, top to bottom (row 1 first). */
export async function readColumn(z: ZObject, ref: SheetRef, index: number): Promise<CellValue[]> {
  const letter = columnLetter(index);
  const data = await googleRequest<ValueRange>(z, {
    url: valuesUrl(ref, `${letter}:${letter}`),
    params: { majorDimension: 'COLUMNS' } satisfies GetValuesQuery,
    resource: resourceOf(ref),
  });
  return (data.values?.[0] ?? []) as CellValue[];
}

/**
 * The live header row and one column, in one call (values:batchGet): what a write is checked
 * against, so a column inserted since the header was cached can never misplace a value.
 */
export async function readHeaderAndColumn(
  z: ZObject,
  ref: SheetRef,
  index: number,
): Promise<{ header: string[]; cells: CellValue[] }> {
  const letter = columnLetter(index);
  const query = new URLSearchParams([
    ['ranges', rangeOf(ref.worksheet, '1:1')],
    ['ranges', rangeOf(ref.worksheet, `${letter}:${letter}`)],
  ]);
  const data = await googleRequest<{ valueRanges?: ValueRange[] }>(z, {
    url: `${SHEETS_API}/${encodeURIComponent(ref.spreadsheetId)}/values:batchGet?${query}`,
    resource: resourceOf(ref),
  });
  const [row1, column] = data.valueRanges ?? [];
  const header = (row1?.values?.[0] ?? []).map((v) => String(v));
  const cells = (column?.values ?? []).map((row) => row[0] ?? '');
  await rememberHeader(z, ref, header);
  return { header, cells };
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
  await rememberHeader(z, ref, header);
}

/**
 * Appends rows in one call: RAW (customer text never becomes a formula), INSERT_ROWS, anchored at
 * A1 so the API finds the table from the top. When the table turns out wider than the header
 * used, the cached header is forgotten. `uncertain` says what a failure without Google's answer
 * (a timeout, a 5xx) means: the rows may have been written. `row` is the first row written.
 */
export async function appendRows(
  z: ZObject,
  ref: SheetRef,
  rows: CellValue[][],
  headerWidth: number,
  uncertain: string,
): Promise<{ row: number | null; updatedRange: string }> {
  const data = await googleRequest<AppendValuesResponse>(z, {
    url: valuesUrl(ref, 'A1', ':append'),
    method: 'POST',
    params: {
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      includeValuesInResponse: 'false',
    } satisfies AppendQuery,
    body: { majorDimension: 'ROWS', values: rows } satisfies ValueRange,
    resource: resourceOf(ref),
    uncertain,
  });
  const tableWidth = widthOf(data.tableRange ?? undefined);
  if (tableWidth !== null && tableWidth !== headerWidth) await forgetHeader(z, ref);
  const updatedRange = data.updates?.updatedRange ?? '';
  return { row: firstRowOf(updatedRange || undefined), updatedRange };
}

/** Writes single cells (row numbers from 1) in one call: values:batchUpdate, RAW. */
export async function writeCells(
  z: ZObject,
  ref: SheetRef,
  cells: { column: number; row: number; value: CellValue }[],
  uncertain: string,
): Promise<string[]> {
  const data = await googleRequest<{ responses?: { updatedRange?: string }[] }>(z, {
    url: `${SHEETS_API}/${encodeURIComponent(ref.spreadsheetId)}/values:batchUpdate`,
    method: 'POST',
    body: {
      valueInputOption: 'RAW',
      data: cells.map((c) => ({
        range: rangeOf(ref.worksheet, `${columnLetter(c.column)}${c.row}`),
        majorDimension: 'ROWS',
        values: [[c.value]],
      })),
    },
    resource: resourceOf(ref),
    uncertain,
  });
  return (data.responses ?? []).map((r) => r.updatedRange ?? '').filter(Boolean);
}
