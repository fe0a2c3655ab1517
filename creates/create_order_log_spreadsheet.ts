import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { createOrderLog, type NewOrderLog } from '../lib/sheets/create';
import { ORDER_LOG_HEADER } from '../lib/sheets/order-row';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const sample: NewOrderLog = {
  spreadsheet_id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf',
  spreadsheet_url:
    'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf/edit',
  title: 'Order Log 2026',
  worksheet: 'Orders',
  worksheet_id: 0,
  columns: ORDER_LOG_HEADER,
};

export default defineCreate({
  key: 'create_order_log_spreadsheet',
  noun: 'Spreadsheet',
  display: {
    label: 'Create Order Log Spreadsheet',
    description: 'Creates a Google Sheets spreadsheet with the standard order log header.',
  },
  operation: {
    inputFields: [
      {
        key: 'title',
        label: 'Spreadsheet Title',
        required: true,
        helpText: 'The new spreadsheet’s name in Google Sheets, e.g. `Orders 2026`.',
      },
      {
        key: 'worksheet',
        label: 'Worksheet Name',
        required: false,
        default: 'Orders',
        helpText: 'The name of its first tab. Default: `Orders`.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const title = text(bundle.inputData.title);
      const worksheet = text(bundle.inputData.worksheet) || 'Orders';
      if (!title)
        throw new z.errors.Error(
          'Spreadsheet Title is empty. Enter a name, like "Orders 2026".',
          'invalid_input',
          400,
        );
      if (title.length > 200 || worksheet.length > 100)
        throw new z.errors.Error(
          'Spreadsheet Title may have at most 200 characters and Worksheet Name at most 100.',
          'invalid_input',
          400,
        );
      return createOrderLog(z, title, worksheet);
    },
    sample,
    outputFields: [
      { key: 'spreadsheet_id', label: 'Spreadsheet ID' },
      { key: 'spreadsheet_url', label: 'Spreadsheet URL' },
      { key: 'title', label: 'Title' },
      { key: 'worksheet', label: 'Worksheet' },
      { key: 'worksheet_id', label: 'Worksheet ID (Sheet ID)', type: 'integer' },
      { key: 'columns', label: 'Columns', list: true },
    ],
  },
});
