import type { ZObject } from 'zapier-platform-core';
import { columnLetter } from './a1';
import { buildRow, resolveColumn, sameCell, type CellValue } from './row';
import { appendRow, cachedHeader, readColumn, readHeader, type SheetRef } from './sheet';

export type AppendOutcome = {
  spreadsheet_id: string;
  worksheet: string;
  row_number: number | null;
  updated_range: string | null;
  values: CellValue[];
  skipped_duplicate: boolean;
  existing_row: number | null;
};

export class SheetInputError extends Error {}

/**
 * The header, read only when the cache is cold, or when the values reach past the cached width
 * (the sheet gained columns since).
 */
export async function headerFor(
  z: ZObject,
  ref: SheetRef,
  widthNeeded = 0,
): Promise<{ header: string[]; fresh: boolean }> {
  const cached = await cachedHeader(z, ref);
  if (cached.fresh || widthNeeded <= cached.header.length) return cached;
  return { header: await readHeader(z, ref), fresh: true };
}

/**
 * Appends `values` (column index → value) as one padded row, unless the dedupe column already
 * holds the row's value: then nothing is written and the existing row is reported.
 * Calls: 1 write; +1 read when the header is cold; +1 read of one column when deduping.
 */
export async function appendUnlessDuplicate(
  z: ZObject,
  ref: SheetRef,
  values: Map<number, CellValue>,
  dedupeColumn?: string,
  known?: { header: string[]; fresh: boolean },
): Promise<AppendOutcome> {
  const widthNeeded = Math.max(0, ...[...values.keys()].map((i) => i + 1));
  let { header, fresh } = known ?? (await headerFor(z, ref, widthNeeded));
  const base = { spreadsheet_id: ref.spreadsheetId, worksheet: ref.worksheet };
  if (dedupeColumn) {
    let column = resolveColumn(dedupeColumn, header);
    if (column === null && !fresh) {
      ({ header, fresh } = { header: await readHeader(z, ref), fresh: true });
      column = resolveColumn(dedupeColumn, header);
    }
    if (column === null) {
      throw new SheetInputError(
        `Duplicate check: no column "${dedupeColumn}" in "${ref.worksheet}". Use a header text from row 1 or a column letter such as C.`,
      );
    }
    const value = values.get(column);
    if (value !== undefined && value !== '') {
      const cells = await readColumn(z, ref, columnLetter(column));
      const firstDataRow = header.length > 0 ? 1 : 0;
      const found = cells.findIndex((cell, i) => i >= firstDataRow && sameCell(cell, value));
      if (found >= 0) {
        return {
          ...base,
          row_number: null,
          updated_range: null,
          values: buildRow(values, header.length),
          skipped_duplicate: true,
          existing_row: found + 1,
        };
      }
    }
  }
  const row = buildRow(values, header.length);
  const written = await appendRow(z, ref, row, header.length);
  return {
    ...base,
    row_number: written.row,
    updated_range: written.updatedRange,
    values: row,
    skipped_duplicate: false,
    existing_row: null,
  };
}
