import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseSpreadsheetId } from '../lib/sheets/a1';
import { listWorksheets } from '../lib/sheets/sheet';

export default defineTrigger({
  key: 'worksheet_list',
  noun: 'Worksheet',
  display: {
    label: 'List Worksheets',
    description:
      'Triggers when a worksheet is added to the chosen spreadsheet; feeds the Worksheet dropdown.',
    hidden: true,
  },
  operation: {
    perform: async (z: ZObject, bundle: Bundle) => {
      const parsed = parseSpreadsheetId(bundle.inputData.spreadsheet);
      if ('problem' in parsed) throw new z.errors.Error(parsed.problem, 'invalid_input', 400);
      return listWorksheets(z, parsed.id);
    },
    sample: { id: 'Orders', title: 'Orders', index: 0 },
    outputFields: [
      { key: 'id', label: 'Worksheet Name' },
      { key: 'title', label: 'Title' },
      { key: 'index', label: 'Position', type: 'integer' },
    ],
  },
});
