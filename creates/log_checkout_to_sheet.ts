import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { appendUnlessDuplicate } from '../lib/sheets/append';
import { readOrderLog, REPLAY_SAFE, startOrderLog } from '../lib/sheets/order-log';
import { orderRowValues, SESSION_ID_COLUMN } from '../lib/sheets/order-row';
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
          const log = await readOrderLog(z, sheet);
          if ('empty' in log) {
            // A sheet that was empty a moment ago cannot hold this session yet: no need to read it.
            const { header } = await startOrderLog(z, sheet);
            const values = orderRowValues(order, header);
            return appendUnlessDuplicate(z, sheet, () => values, null, REPLAY_SAFE);
          }
          return appendUnlessDuplicate(z, sheet, (header) => orderRowValues(order, header), {
            spec: SESSION_ID_COLUMN,
            lookup: log.lookup,
            replaySafe: REPLAY_SAFE,
          });
        }),
      );
    },
    sample: appendSample,
    outputFields: appendOutputFields,
  },
});
