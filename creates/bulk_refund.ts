import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  bulkFailureMessage,
  bulkRefund,
  bulkSummary,
  MAX_BULK_PAYMENTS,
  TEST_MODE_PAYMENTS_PER_STEP,
  type BulkResult,
  type OnFailure,
} from '../lib/refunds/bulk';
import { stepDeadline } from '../lib/budget';
import { checkBulkRefundInput } from '../lib/refunds/input';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { forZapHistory } from '../lib/redact';
import { connectFlagFields, FRAUDULENT_HELP } from './shared/refund-fields';

const sample: BulkResult & { summary: string } = {
  counts: { refunded: 2, already_refunded: 1, duplicate: 0, failed: 0, not_attempted: 0 },
  lines: [
    {
      payment: 'pi_3QxLumenPaid01',
      outcome: 'refunded',
      refund_id: 're_3QxLumen01',
      amount_decimal: '48.60',
      currency: 'usd',
      message: 'Refunded 48.60 USD (succeeded).',
    },
    {
      payment: 'cs_test_b1sQ2xWyZ8kLmN',
      outcome: 'refunded',
      refund_id: 're_3QxLumen02',
      amount_decimal: '1200',
      currency: 'jpy',
      message: 'Refunded 1200 JPY (succeeded).',
    },
    {
      payment: 'ch_3QxLumenPaid03',
      outcome: 'already_refunded',
      refund_id: null,
      amount_decimal: null,
      currency: null,
      message: 'ch_3QxLumenPaid03 is already fully refunded (15.00 USD). Nothing was sent.',
    },
  ],
  stopped: null,
  summary: '2 refunded, 1 already refunded, 0 failed, 0 not attempted',
};

export default defineCreate({
  key: 'bulk_refund',
  noun: 'Refund',
  display: {
    label: 'Refund Multiple Payments',
    description: `Refunds a list of payments in full (about ${TEST_MODE_PAYMENTS_PER_STEP} per step with a test key); safe to run again.`,
  },
  operation: {
    inputFields: [
      {
        key: 'payments',
        label: 'Payments',
        list: true,
        required: true,
        dynamic: 'checkout_session_list.id.name',
        helpText: `Up to ${MAX_BULK_PAYMENTS} Checkout Session (\`cs_…\`), Payment Intent (\`pi_…\`) or Charge (\`ch_…\`) IDs, one per row (or separated by commas, semicolons, tabs or new lines). Each is refunded in full; for partial refunds use "Create Refund". One step has 30 seconds: with a test key about ${TEST_MODE_PAYMENTS_PER_STEP} fit (Stripe allows test keys 25 requests a second), with a live key all ${MAX_BULK_PAYMENTS}; the rest are reported as not attempted.`,
      },
      {
        key: 'on_failure',
        label: 'On Failure',
        required: false,
        default: 'stop',
        choices: [
          { value: 'stop', label: 'Stop the Zap with an error', sample: 'stop' },
          { value: 'continue', label: 'Continue with the report', sample: 'continue' },
        ],
        helpText:
          'When a payment fails or is not reached in time. **Stop** (default) ends the step with an error that counts refunded, failed and not attempted payments (the refunded ones stay refunded). **Continue** returns the report to the next step, for example to log the failures.',
      },
      {
        key: 'reason',
        label: 'Reason',
        required: false,
        choices: ['duplicate', 'fraudulent', 'requested_by_customer'].map((r) => ({
          value: r,
          label: r.replace(/_/g, ' '),
          sample: r,
        })),
        helpText: `${FRAUDULENT_HELP} With many payments at once, it needs "Confirm Fraudulent" set to yes.`,
      },
      {
        key: 'confirm_fraudulent',
        label: 'Confirm Fraudulent',
        type: 'boolean',
        required: false,
        helpText:
          'Only with reason **fraudulent**: set to yes to confirm that every payment listed is fraud, so Stripe blocks each card and email. Without it, nothing is refunded.',
      },
      ...connectFlagFields,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const started = Date.now();
      const checked = checkBulkRefundInput(bundle.inputData);
      if ('problem' in checked) throw new z.errors.Error(checked.problem, checked.code, 400);
      const stripe = stripeClient(z, bundle.authData);
      const result = await mapStripeErrors(z, () =>
        bulkRefund(stripe, checked.payments, checked.request, {
          deadline: stepDeadline(started),
        }),
      );
      // Nothing refunded yet: a plain reconnect error. Otherwise the refunds made are counted.
      if (result.stopped && result.counts.refunded === 0)
        throw new z.errors.ExpiredAuthError(result.stopped);
      const onFailure: OnFailure = bundle.inputData.on_failure === 'continue' ? 'continue' : 'stop';
      const failure = bulkFailureMessage(result, onFailure);
      if (failure) throw new z.errors.Error(forZapHistory(failure), 'refunds_incomplete', 400);
      return { ...result, summary: bulkSummary(result) };
    },
    sample,
    outputFields: [
      { key: 'summary', label: 'Summary' },
      { key: 'counts__refunded', label: 'Refunded', type: 'integer' },
      { key: 'counts__already_refunded', label: 'Already Refunded', type: 'integer' },
      { key: 'counts__duplicate', label: 'Same Payment Listed Again', type: 'integer' },
      { key: 'counts__failed', label: 'Failed', type: 'integer' },
      { key: 'counts__not_attempted', label: 'Not Attempted (Run Again)', type: 'integer' },
      { key: 'stopped', label: 'Stopped Early Because' },
      { key: 'lines[]payment', label: 'Payment' },
      { key: 'lines[]outcome', label: 'Outcome' },
      { key: 'lines[]refund_id', label: 'Refund ID' },
      { key: 'lines[]amount_decimal', label: 'Amount Refunded' },
      { key: 'lines[]currency', label: 'Currency' },
      { key: 'lines[]message', label: 'Message' },
    ],
  },
});
