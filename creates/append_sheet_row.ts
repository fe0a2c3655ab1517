import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { appendUnlessDuplicate } from '../lib/sheets/append';
import { headerFields, valuesByColumn } from '../lib/sheets/row';
import { readHeader, rememberShownHeader, shownHeader } from '../lib/sheets/sheet';
import { withWorksheet } from '../lib/sheets/tabs';
import { sheetRefFrom } from '../lib/sheets/input';
import {
  appendOutputFields,
  appendSample,
  asInputError,
  sheetRefOrThrow,
  spreadsheetField,
  worksheetField,
} from './shared/sheet-fields';

const UNGUARDED_REPLAY =
  'Check the sheet before replaying this step (fill in "Skip If This Column Already Has the Value" to make replays safe).';

const zapOf = (bundle: Bundle): string | null => bundle.meta?.zap?.id ?? null;

/** One field per header column (`COL$A`…), labelled with the header text. */
async function columnFields(z: ZObject, bundle: Bundle) {
  const ref = sheetRefFrom(bundle.inputData.spreadsheet, bundle.inputData.worksheet);
  if ('problem' in ref) return [];
  // Read fresh (the editor is no hot path), and noted: a run can then tell a moved column.
  const header = await asInputError(z, () =>
    withWorksheet(z, ref, async (sheet) => {
      const live = await readHeader(z, sheet);
      await rememberShownHeader(z, sheet, zapOf(bundle), live);
      return live;
    }),
  );
  if (header.length === 0) {
    return [
      {
        key: 'no_header_note',
        type: 'copy' as const,
        helpText:
          'This worksheet has no header row yet. Type your column names in row 1 of the sheet, then refresh these fields.',
      },
    ];
  }
  return headerFields(header);
}

export default defineCreate({
  key: 'append_sheet_row',
  noun: 'Row',
  display: {
    label: 'Append Row to Google Sheet',
    description: 'Adds a row to a Google Sheet, value by column, exactly as given.',
  },
  operation: {
    inputFields: [
      spreadsheetField,
      worksheetField,
      {
        key: 'dedupe_column',
        label: 'Skip If This Column Already Has the Value',
        required: false,
        helpText:
          "Optional duplicate guard: a header from row 1 (e.g. `Session ID`) or a column letter (e.g. `A`). When that column already holds this row's value, nothing is added and the step says which row has it (protects against Zapier replays).",
      },
      columnFields,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const ref = sheetRefOrThrow(z, bundle);
      const values = valuesByColumn(bundle.inputData);
      if ([...values.values()].every((v) => v === '')) {
        throw new z.errors.Error(
          'No column values were given: fill in at least one column field.',
          'invalid_input',
          400,
        );
      }
      const dedupe =
        typeof bundle.inputData.dedupe_column === 'string'
          ? bundle.inputData.dedupe_column.trim()
          : '';
      const guard = dedupe
        ? {
            spec: dedupe,
            replaySafe: `Replaying is safe: the duplicate check on "${dedupe}" skips a row that is already there.`,
          }
        : null;
      return asInputError(z, () =>
        withWorksheet(z, ref, async (sheet) =>
          appendUnlessDuplicate(
            z,
            sheet,
            () => values,
            guard,
            UNGUARDED_REPLAY,
            await shownHeader(z, sheet, zapOf(bundle)),
          ),
        ),
      );
    },
    sample: appendSample,
    outputFields: appendOutputFields,
  },
});
