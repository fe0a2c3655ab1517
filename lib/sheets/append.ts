import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type Claim } from '../cache';
import { mapConcurrent } from '../concurrency';
import {
  buildRow,
  movedColumns,
  resolveColumn,
  sameCell,
  type CellValue,
  type MovedColumn,
} from './row';
import {
  appendRows,
  cachedHeader,
  peekHeader,
  readColumn,
  readHeader,
  readHeaderAndColumn,
  SheetInputError,
  type SheetRef,
} from './sheet';

export type AppendOutcome = {
  spreadsheet_id: string;
  worksheet: string;
  row_number: number | null;
  updated_range: string | null;
  values: CellValue[];
  skipped_duplicate: boolean;
  existing_row: number | null;
};

/** The live header, the column a spec names in it (null: none), and that column's cells. */
export type ColumnLookup = { header: string[]; index: number | null; cells: CellValue[] };

/**
 * Reads the live header and the column `spec` names, in one call: the column is guessed from the
 * cached header (else `fallback`, column A), checked against the live one, and read again only
 * when it moved (a second call). Never trusts the cache for where to write.
 */
export async function lookupColumn(
  z: ZObject,
  ref: SheetRef,
  spec: string,
  fallback = 0,
): Promise<ColumnLookup> {
  const cached = await peekHeader(z, ref);
  const guess = (cached && resolveColumn(spec, cached)) ?? fallback;
  const live = await readHeaderAndColumn(z, ref, guess);
  const index = resolveColumn(spec, live.header);
  if (index === null || index === guess) return { ...live, index };
  return { header: live.header, index, cells: await readColumn(z, ref, index) };
}

/** The row numbers (from 1) of the data rows whose cell equals `value`. */
export function rowsHolding(lookup: ColumnLookup, value: CellValue | undefined): number[] {
  if (value === undefined || value === '') return [];
  const firstDataRow = lookup.header.length > 0 ? 1 : 0;
  return lookup.cells.flatMap((cell, i) =>
    i >= firstDataRow && sameCell(cell, value) ? [i + 1] : [],
  );
}

export function rowHolding(lookup: ColumnLookup, value: CellValue | undefined): number | null {
  return rowsHolding(lookup, value)[0] ?? null;
}

export function noColumn(spec: string, ref: SheetRef, header: string[]): SheetInputError {
  const shown = header.filter(Boolean).slice(0, 8).join(', ');
  return new SheetInputError(
    `No column "${spec}" in row 1 of "${ref.worksheet}"${shown ? ` (${shown}…)` : ''}. Use a header text from row 1, or a column letter inside the header such as C.`,
  );
}

function columnsMoved(moved: MovedColumn[]): SheetInputError {
  const list = moved
    .slice(0, 3)
    .map((m) => `"${m.header}" was column ${m.was}, now ${m.now}`)
    .join('; ');
  return new SheetInputError(
    `Columns moved since this step was set up (${list}). Nothing was written. Open the Zap, refresh this step's fields and check the mapping.`,
  );
}

export const MAY_BE_WRITTEN = 'The row may have been written.';

/** How long a run holds the claim on the row it is about to write (a step lives at most 30 s). */
export const ROW_CLAIM_TTL_SECONDS = 60;

/**
 * Claims "this value in this column of this worksheet" in the connection's cache just before the
 * write, so two runs that both read the sheet before either wrote do not both write: a run that
 * finds the claim `taken` writes nothing for it (a single row is retried by Zapier a minute later
 * and then found). The claim cannot be recorded (the cache refused it): the row is written anyway
 * and the log says so — a missing order is worse than a rare duplicate.
 */
async function claimRow(
  z: ZObject,
  ref: SheetRef,
  column: number,
  value: CellValue,
): Promise<Claim> {
  const digest = createHash('sha256')
    .update(JSON.stringify([ref.spreadsheetId, ref.worksheet, column, String(value)]))
    .digest('base64url');
  const claim = await connectionCache(z).claim(
    `sheet-row:${digest}`,
    { at: Date.now() },
    ROW_CLAIM_TTL_SECONDS,
  );
  if (claim === 'unsure')
    z.console.log(
      `Sheets: could not claim the row for "${String(value).slice(0, 60)}" (the cache refused the write); writing it anyway — a run at this same moment may write it too.`,
    );
  return claim;
}

function rowTaken(z: ZObject, ref: SheetRef, value: CellValue): Error {
  return new z.errors.ThrottledError(
    `Another run is writing the row for "${String(value).slice(0, 60)}" to "${ref.worksheet}" right now. Zapier retries this step in a minute; the row is then found and reported as already there.`,
    ROW_CLAIM_TTL_SECONDS,
  );
}

/** The non-empty values of the looked-up column's data rows, as cells are compared (trimmed). */
export function valuesInColumn(lookup: ColumnLookup): Set<string> {
  const firstDataRow = lookup.header.length > 0 ? 1 : 0;
  return new Set(
    lookup.cells
      .slice(firstDataRow)
      .map((cell) => String(cell ?? '').trim())
      .filter(Boolean),
  );
}

/** Claims checked at once (each is one cache round trip). */
export const CLAIMS_IN_FLIGHT = 8;

export type KeyedRow = { key: string; values: Map<number, CellValue> };
export type BatchAppendOutcome = {
  /** Keys written, each with its row number (null when Google did not say). */
  appended: { key: string; row: number | null }[];
  /** Keys already in the column, or claimed by a run writing them right now: not written. */
  skipped: { key: string; why: 'logged' | 'claimed' }[];
  updatedRange: string | null;
};

/**
 * Appends many rows in ONE call, each unless its key is already in the dedupe column (`lookup`,
 * read by the caller with the live header) or another run holds the claim on it. Each key is
 * claimed exactly as appendUnlessDuplicate claims a single row, so a batch and a single-row
 * logger (or two batches) never both write the same key. `present` is the column's values, as
 * valuesInColumn reads them from `lookup` (pass them when already built). Calls: 1 write, 1 cache
 * claim per row.
 */
export async function appendRowsUnlessDuplicate(
  z: ZObject,
  ref: SheetRef,
  lookup: ColumnLookup & { index: number },
  rows: KeyedRow[],
  replaySafe: string,
  present: Set<string> = valuesInColumn(lookup),
): Promise<BatchAppendOutcome> {
  const skipped: BatchAppendOutcome['skipped'] = [];
  const fresh = rows.filter((r) => {
    const known = present.has(r.key.trim());
    if (known) skipped.push({ key: r.key, why: 'logged' });
    return !known && r.key.trim() !== '';
  });
  const claims = await mapConcurrent(fresh, CLAIMS_IN_FLIGHT, (r) =>
    claimRow(z, ref, lookup.index, r.key),
  );
  const ours = fresh.filter((r, i) => {
    if (claims[i] === 'taken') skipped.push({ key: r.key, why: 'claimed' });
    return claims[i] !== 'taken';
  });
  if (ours.length === 0) return { appended: [], skipped, updatedRange: null };
  const width = lookup.header.length;
  const written = await appendRows(
    z,
    ref,
    ours.map((r) => buildRow(r.values, width)),
    width,
    `The rows may have been written. ${replaySafe}`,
  );
  return {
    appended: ours.map((r, i) => ({
      key: r.key,
      row: written.row === null ? null : written.row + i,
    })),
    skipped,
    updatedRange: written.updatedRange || null,
  };
}

/**
 * Appends one padded row unless the dedupe column already holds the row's value (then nothing is
 * written and the existing row is reported). `valuesFor` maps the live header to values, so a
 * moved column moves the value with it.
 * Calls: 1 write; + 1 read (live header and dedupe column) when deduping, + 1 when that column
 * moved; without dedupe, + 1 read when the header is not cached (it only pads the row).
 */
export async function appendUnlessDuplicate(
  z: ZObject,
  ref: SheetRef,
  valuesFor: (header: string[]) => Map<number, CellValue>,
  dedupe: { spec: string; lookup?: ColumnLookup; replaySafe: string } | null,
  noDedupeNote = 'Check the sheet before replaying this step.',
  shown: string[] | null = null,
): Promise<AppendOutcome> {
  const base = { spreadsheet_id: ref.spreadsheetId, worksheet: ref.worksheet };
  let header: string[];
  let values: Map<number, CellValue>;
  let lookup: ColumnLookup | null = null;
  if (dedupe) {
    lookup = dedupe.lookup ?? (await lookupColumn(z, ref, dedupe.spec));
    if (lookup.index === null) throw noColumn(dedupe.spec, ref, lookup.header);
    header = lookup.header;
    values = valuesFor(header);
  } else if (shown) {
    // Values keyed by letter, as the fields showed them: compared with the live header below.
    values = valuesFor([]);
    header = await readHeader(z, ref);
  } else {
    values = valuesFor([]);
    const widthNeeded = Math.max(0, ...[...values.keys()].map((i) => i + 1));
    const cached = await cachedHeader(z, ref);
    header = cached.header;
    // The sheet may have gained columns since the header was cached: read it once more.
    if (!cached.fresh && widthNeeded > header.length) header = await readHeader(z, ref);
  }
  const moved = shown ? movedColumns([...values.keys()], shown, header) : [];
  if (moved.length) throw columnsMoved(moved);
  const key = lookup?.index != null ? values.get(lookup.index) : undefined;
  const existing = lookup?.index != null ? rowHolding(lookup, key) : null;
  if (existing !== null)
    return {
      ...base,
      row_number: null,
      updated_range: null,
      values: buildRow(values, header.length),
      skipped_duplicate: true,
      existing_row: existing,
    };
  if (lookup?.index != null && key !== undefined && key !== '')
    if ((await claimRow(z, ref, lookup.index, key)) === 'taken') throw rowTaken(z, ref, key);
  const row = buildRow(values, header.length);
  const uncertain = `${MAY_BE_WRITTEN} ${dedupe ? dedupe.replaySafe : noDedupeNote}`;
  const written = await appendRows(z, ref, [row], header.length, uncertain);
  return {
    ...base,
    row_number: written.row,
    updated_range: written.updatedRange,
    values: row,
    skipped_duplicate: false,
    existing_row: null,
  };
}
