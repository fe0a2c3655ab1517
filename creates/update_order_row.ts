import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { rowUpdateFrom } from '../lib/sheets/input';
import { updateRow, type UpdateOutcome } from '../lib/sheets/update';
import { withWorksheet } from '../lib/sheets/tabs';
import {
  asInputError,
  sheetRefOrThrow,
  spreadsheetField,
  worksheetField,
} from './shared/sheet-fields';

const sample: UpdateOutcome = {
  found: true,
  spreadsheet_id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf',
  worksheet: 'Orders',
  row_number: 42,
  updated_range: "'Orders'!L42, 'Orders'!M42",
  updated_columns: ['Refund Status', 'Refund Amount'],
  matching_rows: 1,
};

export default defineCreate({
  key: 'update_order_row',
  noun: 'Order Row',
  display: {
    label: 'Update Logged Order in Google Sheet',
    description:
      'Updates the refund, fulfillment or notes cells of an order logged in a Google Sheet.',
  },
  operation: {
    inputFields: [
      spreadsheetField,
      worksheetField,
      {
        key: 'checkout_session',
        label: 'Checkout Session',
        required: false,
        dynamic: 'checkout_session_list.id.name',
        search: 'find_checkout_session.id',
        helpText:
          'The order to update (`cs_…`): the row whose **Session ID** column holds it, as written by "Log Checkout Session to Google Sheet". Or use Lookup Column and Lookup Value.',
      },
      {
        key: 'lookup_column',
        label: 'Lookup Column',
        required: false,
        helpText:
          'Optional. The column that identifies the row: a header from row 1 (e.g. `Client Reference ID`) or a letter. Default: `Session ID`.',
      },
      {
        key: 'lookup_value',
        label: 'Lookup Value',
        required: false,
        helpText:
          'Optional. The value to find in the Lookup Column (e.g. `order-1042`). When empty, the Checkout Session ID is looked up.',
      },
      {
        key: 'refund_status',
        label: 'Refund Status',
        required: false,
        helpText:
          'Written to the **Refund Status** column, e.g. `succeeded` or `pending`. Empty: left as it is.',
      },
      {
        key: 'refund_amount',
        label: 'Refund Amount',
        required: false,
        helpText:
          'Written to the **Refund Amount** column as a number, e.g. `12.50`. Empty: left as it is.',
      },
      {
        key: 'fulfillment_status',
        label: 'Fulfillment Status',
        required: false,
        helpText:
          'Written to the **Fulfillment Status** column, e.g. `shipped`. Empty: left as it is.',
      },
      {
        key: 'notes',
        label: 'Notes',
        type: 'text',
        required: false,
        helpText: 'Written to the **Notes** column (replaces what is there). Empty: left as it is.',
      },
      {
        key: 'if_not_found',
        label: 'If No Row Matches',
        required: false,
        default: 'halt',
        choices: {
          halt: 'Stop the Zap here (shown as halted, not an error)',
          continue: 'Continue, with Found = false',
        },
        helpText:
          'What to do when no row holds the order: stop quietly (like a search that finds nothing) or let later steps run and check **Found**.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const update = rowUpdateFrom(bundle.inputData);
      if ('problem' in update) throw new z.errors.Error(update.problem, 'invalid_input', 400);
      const ref = sheetRefOrThrow(z, bundle);
      const out = await asInputError(z, () =>
        withWorksheet(z, ref, (sheet) => updateRow(z, sheet, update)),
      );
      if (!out.found && bundle.inputData.if_not_found !== 'continue')
        throw new z.errors.HaltedError(
          `No row in "${out.worksheet}" has "${String(update.lookupValue).slice(0, 80)}" in the ${update.lookupColumn} column; nothing was updated.`,
        );
      return out;
    },
    sample,
    outputFields: [
      { key: 'found', label: 'Found', type: 'boolean' },
      { key: 'spreadsheet_id', label: 'Spreadsheet ID' },
      { key: 'worksheet', label: 'Worksheet' },
      { key: 'row_number', label: 'Row Number', type: 'integer' },
      { key: 'updated_range', label: 'Updated Cells' },
      { key: 'updated_columns', label: 'Updated Columns', list: true },
      { key: 'matching_rows', label: 'Rows Holding the Value', type: 'integer' },
    ],
  },
});
