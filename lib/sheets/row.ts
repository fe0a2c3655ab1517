import { columnIndex, columnLetter } from './a1';

export type CellValue = string | number | boolean;

export const FIELD_PREFIX = 'COL$';

/** One input field per header column, keyed by letter so renaming a header keeps the Zap working. */
export function headerFields(
  header: string[],
): { key: string; label: string; required: false; helpText?: string }[] {
  return header.map((text, i) => {
    const letter = columnLetter(i);
    const label = String(text ?? '').trim();
    return {
      key: `${FIELD_PREFIX}${letter}`,
      label: label || `Column ${letter} (no header)`,
      required: false,
    };
  });
}

/**
 * Values are sent with valueInputOption=RAW: a string is stored as typed (an "=IMPORTXML(…)" from a
 * customer stays text, never a formula). Plain numbers become numbers so sums work, but not
 * numbers with leading zeros (zip codes, phone numbers) or more than 15 significant digits,
 * which stay text.
 */
export function cellValue(value: unknown): CellValue {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return isExactNumber(text) ? Number(text) : text;
}

/** Sheets keeps 15 significant digits: longer numbers (card-like ids, 17-digit decimals) stay text. */
export const MAX_SIGNIFICANT_DIGITS = 15;

function isExactNumber(text: string): boolean {
  if (!/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return false;
  const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return significant.length <= MAX_SIGNIFICANT_DIGITS;
}

/** `COL$C` inputs → their column indexes and values. Other keys are ignored. */
export function valuesByColumn(inputData: Record<string, unknown>): Map<number, CellValue> {
  const values = new Map<number, CellValue>();
  for (const [key, value] of Object.entries(inputData)) {
    if (!key.startsWith(FIELD_PREFIX)) continue;
    const index = columnIndex(key.slice(FIELD_PREFIX.length));
    if (index !== null) values.set(index, cellValue(value));
  }
  return values;
}

/** A full row, padded with "" to `width`, so gaps never shift values into other columns. */
export function buildRow(values: Map<number, CellValue>, width: number): CellValue[] {
  const size = Math.max(width, ...[...values.keys()].map((i) => i + 1), 0);
  return Array.from({ length: size }, (_, i) => values.get(i) ?? '');
}

export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

/**
 * A column named by its header text (case and spacing ignored) or, failing that, by letter (`C`)
 * inside the header's width. Header text wins: `ID`, `SKU`, `Ref` are headers in real sheets
 * before they are letters. Neither → null (the caller refuses: a check must never silently point
 * at an empty column). A sheet without a header row takes any letter.
 */
export function resolveColumn(spec: string, header: string[]): number | null {
  const byHeader = header.findIndex((h) => normalizeHeader(h) === normalizeHeader(spec));
  if (byHeader >= 0) return byHeader;
  const byLetter = columnIndex(spec);
  if (byLetter === null) return null;
  return header.length === 0 || byLetter < header.length ? byLetter : null;
}

/** Text as a person would compare cells: "1042" equals 1042, surrounding spaces ignored. */
export function sameCell(a: unknown, b: unknown): boolean {
  return String(a ?? '').trim() === String(b ?? '').trim() && String(a ?? '').trim() !== '';
}

export type MovedColumn = { header: string; was: string; now: string };

/**
 * Mapped columns (by letter) whose header, as the Zap's fields showed it, now sits in another
 * column: the letters point at other data. A header whose text is gone was renamed, not moved,
 * and keeps working.
 */
export function movedColumns(mapped: number[], shown: string[], live: string[]): MovedColumn[] {
  const moved: MovedColumn[] = [];
  for (const index of mapped) {
    const text = normalizeHeader(shown[index]);
    if (!text || normalizeHeader(live[index]) === text) continue;
    const now = live.findIndex((h) => normalizeHeader(h) === text);
    if (now >= 0)
      moved.push({
        header: String(shown[index]).trim(),
        was: columnLetter(index),
        now: columnLetter(now),
      });
  }
  return moved;
}
