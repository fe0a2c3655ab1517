import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { asBoolean, text } from '../lib/input';
import { parsePaymentLinkInput, requirePaymentLinkId } from '../lib/links/resolve';
import {
  DEFAULT_RECONCILE_DAYS,
  MAX_APPENDED_PER_RUN,
  reconcileOrders,
  type Reconciliation,
} from '../lib/sessions/reconcile';
import { planPeriod } from '../lib/sessions/period';
import { readOrderLog } from '../lib/sheets/order-log';
import { withWorksheet } from '../lib/sheets/tabs';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import {
  asInputError,
  sheetRefOrThrow,
  spreadsheetField,
  worksheetField,
} from './shared/sheet-fields';

const sample: Reconciliation = {
  period_start: '2026-11-15T02:00:00.000Z',
  period_end: '2026-11-22T02:00:01.000Z',
  payment_link: null,
  spreadsheet_id: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf',
  worksheet: 'Orders',
  sessions_paid: 58,
  already_logged: 56,
  missing: 2,
  appended: 2,
  being_logged: 0,
  left_for_next_run: 0,
  period_complete: true,
  checked_back_to: '2026-11-15T02:00:00.000Z',
  note: 'Checked all 58 paid payment-link sessions from 2026-11-15 02:00 UTC to 2026-11-22 02:00 UTC against the order log.',
  updated_range: "'Orders'!A59:O60",
  missing_orders: [
    {
      session_id: 'cs_test_b1sQ2xWyZ8kLmN',
      client_reference_id: 'order-1042',
      amount_total_decimal: '48.60',
      currency: 'USD',
      customer_email: 'ada@example.com',
      created: '2026-11-20T08:26:40.000Z',
      payment_link: 'plink_1QxSpringSale',
      status: 'appended',
      row_number: 59,
    },
  ],
};

export default defineCreate({
  key: 'reconcile_orders_with_sheet',
  noun: 'Reconciliation',
  display: {
    label: 'Reconcile Orders With Google Sheet',
    description:
      'Checks a period of paid Payment Link orders against the order log in Google Sheets, and logs the missing ones once.',
  },
  operation: {
    inputFields: [
      spreadsheetField,
      { ...worksheetField, helpText: 'The order log tab (with a **Session ID** column).' },
      {
        key: 'created_after',
        label: 'Created After',
        type: 'datetime',
        required: false,
        helpText: `Start of the period (when the checkout was created). Default: ${DEFAULT_RECONCILE_DAYS} days before its end.`,
      },
      {
        key: 'created_before',
        label: 'Created Before',
        type: 'datetime',
        required: false,
        helpText: 'End of the period. Default: now.',
      },
      {
        key: 'payment_link',
        label: 'Payment Link',
        required: false,
        dynamic: 'payment_link_list.id.name',
        search: 'find_payment_link.id',
        helpText: 'Optional: only this link (pick it, or paste its ID or URL). Empty: every link.',
      },
      {
        key: 'append_missing',
        label: 'Append Missing Orders',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText: `Yes: log each missing order as "Log Checkout Session to Google Sheet" would, never twice (at most ${MAX_APPENDED_PER_RUN} per run). No: only report them.`,
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const started = Date.now();
      const input = bundle.inputData;
      const period = planPeriod(input, Math.floor(started / 1000), DEFAULT_RECONCILE_DAYS);
      if ('problem' in period) throw new z.errors.Error(period.problem, 'invalid_input', 400);
      const linkInput = text(input.payment_link) ? parsePaymentLinkInput(input.payment_link) : null;
      if (linkInput && 'problem' in linkInput)
        throw new z.errors.Error(linkInput.problem, 'invalid_input', 400);
      const ref = sheetRefOrThrow(z, bundle);
      const stripe = stripeClient(z, bundle.authData);
      // A link id is checked too (one call): a link of another account must not read as "none missing".
      const link = await mapStripeErrors(z, async () =>
        linkInput ? requirePaymentLinkId(stripe, linkInput) : null,
      );
      // The sheet first (one read): a wrong tab or a log without Session IDs fails before the scan.
      const { sheet, log } = await asInputError(z, () =>
        withWorksheet(z, ref, async (sheet) => ({ sheet, log: await readOrderLog(z, sheet) })),
      );
      const plan = {
        period,
        link,
        append: asBoolean(input.append_missing, false),
        account: connectedAccount(bundle.authData),
        started,
      };
      return mapStripeErrors(z, () => reconcileOrders(z, stripe, sheet, log, plan));
    },
    sample,
    outputFields: [
      { key: 'period_start', label: 'Period Start', type: 'datetime' },
      { key: 'period_end', label: 'Period End', type: 'datetime' },
      { key: 'payment_link', label: 'Payment Link ID' },
      { key: 'spreadsheet_id', label: 'Spreadsheet ID' },
      { key: 'worksheet', label: 'Worksheet' },
      { key: 'sessions_paid', label: 'Paid Sessions in the Period', type: 'integer' },
      { key: 'already_logged', label: 'Already Logged', type: 'integer' },
      { key: 'missing', label: 'Missing From the Log', type: 'integer' },
      { key: 'appended', label: 'Appended Now', type: 'integer' },
      { key: 'being_logged', label: 'Being Logged by Another Run', type: 'integer' },
      { key: 'left_for_next_run', label: 'Left for the Next Run', type: 'integer' },
      { key: 'period_complete', label: 'Whole Period Checked', type: 'boolean' },
      { key: 'checked_back_to', label: 'Checked Back To', type: 'datetime' },
      { key: 'note', label: 'Note' },
      { key: 'updated_range', label: 'Updated Range' },
      { key: 'missing_orders[]session_id', label: 'Missing: Session ID' },
      { key: 'missing_orders[]client_reference_id', label: 'Missing: Client Reference ID' },
      { key: 'missing_orders[]amount_total_decimal', label: 'Missing: Amount' },
      { key: 'missing_orders[]currency', label: 'Missing: Currency' },
      { key: 'missing_orders[]customer_email', label: 'Missing: Customer Email' },
      { key: 'missing_orders[]created', label: 'Missing: Created', type: 'datetime' },
      { key: 'missing_orders[]payment_link', label: 'Missing: Payment Link ID' },
      { key: 'missing_orders[]status', label: 'Missing: Status' },
      { key: 'missing_orders[]row_number', label: 'Missing: Row Number', type: 'integer' },
    ],
  },
});
