import { checkStripeId } from '../stripe/validate';
import { parseSpreadsheetId } from './a1';
import { ORDER_UPDATE_COLUMNS, SESSION_ID_COLUMN } from './order-row';
import { cellValue, type CellValue } from './row';
import type { SheetRef } from './sheet';
import type { RowUpdate } from './update';

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

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** update_order_row's lookup and changes, checked before any request; a problem in words otherwise. */
export function rowUpdateFrom(input: Record<string, unknown>): RowUpdate | { problem: string } {
  const lookupColumn = text(input.lookup_column) || SESSION_ID_COLUMN;
  let lookupValue: CellValue = text(input.lookup_value);
  if (!lookupValue) {
    if (!text(input.checkout_session))
      return {
        problem:
          'Which order? Map the Checkout Session ID (the row logged for that session is updated), or fill in Lookup Value.',
      };
    const session = checkStripeId(
      input.checkout_session,
      ['checkout_session'],
      'Checkout Session ID',
    );
    if ('problem' in session) return session;
    lookupValue = session.id;
  }
  const changes: [string, CellValue][] = [];
  for (const [key, header] of Object.entries(ORDER_UPDATE_COLUMNS)) {
    const given = text(input[key]);
    if (!given) continue;
    if (key === 'refund_amount' && !/^-?\d+(\.\d+)?$/.test(given))
      return {
        problem: `Refund Amount "${given.slice(0, 30)}" is not a number. Map the refund's amount in the currency's units, like 12.50 (no currency sign, a dot for decimals).`,
      };
    changes.push([header, cellValue(given)]);
  }
  if (!changes.length)
    return {
      problem:
        'Nothing to update: fill in at least one of Refund Status, Refund Amount, Fulfillment Status or Notes.',
    };
  return { lookupColumn, lookupValue, changes };
}
