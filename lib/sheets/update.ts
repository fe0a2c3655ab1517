import type { ZObject } from 'zapier-platform-core';
import { lookupColumn, noColumn, rowsHolding } from './append';
import { resolveColumn, type CellValue } from './row';
import { SheetInputError, writeCells, type SheetRef } from './sheet';

export interface RowUpdate {
  /** The column that identifies the row: a header (`Session ID`) or a letter. */
  lookupColumn: string;
  lookupValue: CellValue;
  /** Header text → new value; only these cells are written. */
  changes: [header: string, value: CellValue][];
}

export type UpdateOutcome = {
  found: boolean;
  spreadsheet_id: string;
  worksheet: string;
  row_number: number | null;
  updated_range: string | null;
  updated_columns: string[];
  matching_rows: number;
};

export const MAY_BE_UPDATED =
  'The row may have been updated. Replaying is safe: it writes the same values again.';

/**
 * Finds the first row whose lookup column holds the value (the live header and that column in
 * one read) and writes the changed cells in one call. Every changed column must exist in row 1:
 * a missing one is refused before anything is written. Not found → `found: false`, nothing written.
 * Calls: 1 read (+1 when the lookup column moved since the header was cached) + 1 write.
 */
export async function updateRow(
  z: ZObject,
  ref: SheetRef,
  update: RowUpdate,
): Promise<UpdateOutcome> {
  const lookup = await lookupColumn(z, ref, update.lookupColumn);
  if (lookup.index === null) throw noColumn(update.lookupColumn, ref, lookup.header);
  const targets = update.changes.map(([name, value]) => ({
    name,
    value,
    column: resolveColumn(name, lookup.header),
  }));
  const missing = targets.filter((t) => t.column === null).map((t) => `"${t.name}"`);
  if (missing.length)
    throw new SheetInputError(
      `The worksheet "${ref.worksheet}" has no ${missing.join(', ')} column in row 1. Add ${missing.length > 1 ? 'them' : 'it'} to the header (the order log's own columns), or leave ${missing.length > 1 ? 'those fields' : 'that field'} empty. Nothing was updated.`,
    );
  const rows = rowsHolding(lookup, update.lookupValue);
  const row = rows[0] ?? null;
  const base = {
    spreadsheet_id: ref.spreadsheetId,
    worksheet: ref.worksheet,
    matching_rows: rows.length,
  };
  if (row === null)
    return { ...base, found: false, row_number: null, updated_range: null, updated_columns: [] };
  const ranges = await writeCells(
    z,
    ref,
    targets.map((t) => ({ column: t.column as number, row, value: t.value })),
    MAY_BE_UPDATED,
  );
  return {
    ...base,
    found: true,
    row_number: row,
    updated_range: ranges.join(', ') || null,
    updated_columns: targets.map((t) => t.name),
  };
}
