import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AppendOutcome } from '../../lib/sheets/append';
import { sheetRefFrom } from '../../lib/sheets/input';
import { SheetInputError, type SheetRef } from '../../lib/sheets/sheet';

/** Spreadsheet and worksheet inputs, shared by both Sheets actions. */
export const spreadsheetField = {
  key: 'spreadsheet',
  label: 'Spreadsheet',
  required: true,
  type: 'string' as const,
  altersDynamicFields: true,
  helpText:
    'Paste the spreadsheet URL from your browser (`docs.google.com/spreadsheets/d/…`) or its ID. The sheet must be editable by the connected Google account. (We do not ask for access to your whole Drive, so there is no spreadsheet picker.)',
};

export const worksheetField = {
  key: 'worksheet',
  label: 'Worksheet',
  required: true,
  type: 'string' as const,
  dynamic: 'worksheet_list.id.title',
  altersDynamicFields: true,
  helpText: 'The tab to write to.',
};

export function sheetRefOrThrow(z: ZObject, bundle: Bundle): SheetRef {
  const ref = sheetRefFrom(bundle.inputData.spreadsheet, bundle.inputData.worksheet);
  if ('problem' in ref) throw new z.errors.Error(ref.problem, 'invalid_input', 400);
  return ref;
}

export async function asInputError<T>(z: ZObject, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SheetInputError) throw new z.errors.Error(err.message, 'invalid_input', 400);
    throw err;
  }
}

export const appendOutputFields = [
  { key: 'spreadsheet_id', label: 'Spreadsheet ID' },
  { key: 'worksheet', label: 'Worksheet' },
  { key: 'row_number', label: 'Row Number', type: 'integer' as const },
  { key: 'updated_range', label: 'Updated Range' },
  { key: 'values', label: 'Values Written', list: true },
  { key: 'skipped_duplicate', label: 'Skipped (Duplicate)', type: 'boolean' as const },
  { key: 'existing_row', label: 'Existing Row (When Skipped)', type: 'integer' as const },
];

export const appendSample: AppendOutcome = {
  spreadsheet_id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf',
  worksheet: 'Orders',
  row_number: 42,
  updated_range: "'Orders'!A42:K42",
  values: [
    'cs_test_b1sQ2xWyZ8kLmN',
    '2026-11-22T08:26:40.000Z',
    'Ada Lovelace',
    'ada@example.com',
    '2 × Art print (A4)',
    48.6,
    'USD',
    'paid',
    'order-1042',
    'plink_1QxSpringSale',
    '',
  ],
  skipped_duplicate: false,
  existing_row: null,
};
