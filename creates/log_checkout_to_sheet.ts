import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { appendUnlessDuplicate, lookupColumn } from '../lib/sheets/append';
import { ORDER_LOG_HEADER, orderRowValues, SESSION_ID_COLUMN } from '../lib/sheets/order-row';
import { SheetInputError, writeHeader } from '../lib/sheets/sheet';
import { withWorksheet } from '../lib/sheets/tabs';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { retrieveCheckoutOrder } from '../lib/stripe/order';
import { checkStripeId } from '../lib/stripe/validate';
import {
  appendOutputFields,
  appendSample,
  asInputError,
  sheetRefOrThrow,
  spreadsheetField,
  worksheetField,
} from './shared/sheet-fields';

const REPLAY_SAFE = `Replaying is safe: the ${SESSION_ID_COLUMN} column prevents a second row.`;

export default defineCreate({
  key: 'log_checkout_to_sheet',
  noun: 'Row',
  display: {
    label: 'Log Checkout Session to Google Sheet',
    description: 'Logs a Checkout Session as one order row in a Google Sheet, never twice.',
  },
  operation: {
    inputFields: [
      {
        key: 'checkout_session',
        label: 'Checkout Session',
        required: true,
        dynamic: 'checkout_session_list.id.name',
        search: 'find_checkout_session.id',
        helpText: 'Map the ID from the "Checkout Session Completed" trigger (starts with `cs_`).',
      },
      spreadsheetField,
      worksheetField,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const session = checkStripeId(
        bundle.inputData.checkout_session,
        ['checkout_session'],
        'Checkout Session ID',
      );
      if ('problem' in session) throw new z.errors.Error(session.problem, 'invalid_input', 400);
      const ref = sheetRefOrThrow(z, bundle);
      const stripe = stripeClient(z, bundle.authData);
      const order = await mapStripeErrors(z, () =>
        retrieveCheckoutOrder(stripe, session.id, connectedAccount(bundle.authData)),
      );
      return asInputError(z, () =>
        withWorksheet(z, ref, async (sheet) => {
          // The live header and the Session ID column in one read: values follow moved columns.
          const lookup = await lookupColumn(z, sheet, SESSION_ID_COLUMN);
          if (lookup.header.length === 0) {
            await writeHeader(z, sheet, ORDER_LOG_HEADER);
            // A sheet that was empty a moment ago cannot hold this session yet: no need to read it.
            const values = orderRowValues(order, ORDER_LOG_HEADER);
            return appendUnlessDuplicate(z, sheet, () => values, null, REPLAY_SAFE);
          }
          if (lookup.index === null)
            throw new SheetInputError(
              `The worksheet "${sheet.worksheet}" has a header row but no "${SESSION_ID_COLUMN}" column, which this step needs to never log an order twice. Add a "${SESSION_ID_COLUMN}" column to row 1, or use an empty worksheet.`,
            );
          return appendUnlessDuplicate(z, sheet, (header) => orderRowValues(order, header), {
            spec: SESSION_ID_COLUMN,
            lookup,
            replaySafe: REPLAY_SAFE,
          });
        }),
      );
    },
    sample: appendSample,
    outputFields: appendOutputFields,
  },
});
