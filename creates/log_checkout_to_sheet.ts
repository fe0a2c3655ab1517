import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { appendUnlessDuplicate, headerFor } from '../lib/sheets/append';
import { ORDER_HEADER, orderRowValues, SESSION_ID_COLUMN } from '../lib/sheets/order-row';
import { resolveColumn } from '../lib/sheets/row';
import { writeHeader } from '../lib/sheets/sheet';
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
    description:
      'Writes a standard order row (customer, items, amount, status, campaign…) for a Checkout Session, in one step. Never logs the same session twice.',
  },
  operation: {
    inputFields: [
      {
        key: 'checkout_session',
        label: 'Checkout Session ID',
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
      let known = await headerFor(z, ref);
      const emptySheet = known.header.length === 0;
      if (emptySheet) {
        await writeHeader(z, ref, ORDER_HEADER);
        known = { header: ORDER_HEADER, fresh: true };
      }
      const dedupe =
        resolveColumn(SESSION_ID_COLUMN, known.header) === null ? undefined : SESSION_ID_COLUMN;
      if (!dedupe) {
        throw new z.errors.Error(
          `The worksheet "${ref.worksheet}" has a header row but no "${SESSION_ID_COLUMN}" column, which this step needs to never log an order twice. Add a "${SESSION_ID_COLUMN}" column to row 1, or use an empty worksheet.`,
          'invalid_input',
          400,
        );
      }
      // A sheet that was empty a moment ago cannot hold this session yet: no need to read it.
      const guard = emptySheet ? undefined : dedupe;
      return asInputError(z, () =>
        appendUnlessDuplicate(z, ref, orderRowValues(order, known.header), guard, known),
      );
    },
    sample: appendSample,
    outputFields: appendOutputFields,
  },
});
