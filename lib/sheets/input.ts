import { parseSpreadsheetId } from './a1';
import type { SheetRef } from './sheet';

/** Checks spreadsheet and worksheet inputs before any request. */
export function sheetRefFrom(
  spreadsheet: unknown,
  worksheet: unknown,
): SheetRef | { problem: string } {
  const parsed = parseSpreadsheetId(spreadsheet);
  if ('problem' in parsed) return parsed;
  const name = typeof worksheet === 'string' ? worksheet.trim() : '';
  if (!name)
    return {
      problem:
        'Worksheet is empty. Pick the tab to write to from the dropdown (or type its name exactly).',
    };
  if (name.length > 100)
    return { problem: 'Worksheet: a Google Sheets tab name has at most 100 characters.' };
  return { spreadsheetId: parsed.id, worksheet: name };
}
