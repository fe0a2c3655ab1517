import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { paymentField } from './shared/payment-field';
import { refundErrors } from '../lib/refunds/errors';
import { REASONS } from '../lib/refunds/plan';
import { refundPayment, SETTLEMENT_NOTE, type RefundOutput } from '../lib/refunds/refund';
import { checkRefundInput } from '../lib/refunds/input';
import { stripeClient } from '../lib/stripe/client';
import { connectRefundFields, FRAUDULENT_HELP, refundOutputFields } from './shared/refund-fields';

const sample: RefundOutput = {
  id: 're_3QxLumenRefund01',
  status: 'succeeded',
  pending_reason: null,
  failure_reason: null,
  amount: 1500,
  amount_decimal: '15.00',
  currency: 'usd',
  full_refund: false,
  replayed: false,
  charge: 'ch_3QxLumenPaid01',
  payment_intent: 'pi_3QxLumenPaid01',
  remaining_refundable: 3360,
  remaining_refundable_decimal: '33.60',
  refunds: [
    {
      id: 're_3QxLumenRefund01',
      charge: 'ch_3QxLumenPaid01',
      amount_decimal: '15.00',
      status: 'succeeded',
    },
  ],
  note: `Refunded. ${SETTLEMENT_NOTE}`,
};

export default defineCreate({
  key: 'create_refund',
  noun: 'Refund',
  display: {
    label: 'Create Refund',
    description: 'Refunds a payment in full or in part, never twice.',
  },
  operation: {
    inputFields: [
      paymentField,
      {
        key: 'amount',
        label: 'Amount',
        required: false,
        helpText:
          "Leave empty to refund everything that is left. Otherwise the amount as you would write it, in the payment's currency: `12.50` (USD), `1200` (JPY), `1.250` (KWD). No currency symbol.",
      },
      {
        key: 'reason',
        label: 'Reason',
        required: false,
        choices: REASONS.map((r) => ({ value: r, label: r.replace(/_/g, ' '), sample: r })),
        helpText: FRAUDULENT_HELP,
      },
      {
        key: 'note',
        label: 'Note',
        required: false,
        helpText:
          'Required when the reason is "other"; stored in the refund\'s metadata as `reason_note`.',
      },
      {
        key: 'metadata',
        label: 'Metadata',
        dict: true,
        required: false,
        helpText:
          'Key/value pairs stored on the refund. A `reason_note` key here and a Note together are refused (the Note is stored as `reason_note`).',
      },
      ...connectRefundFields,
      {
        key: 'idempotency_key',
        label: 'Idempotency Key (Advanced)',
        required: false,
        helpText:
          'Leave empty. By default the same payment + amount + reason is refunded only once, even if Zapier retries or you replay the step. Fill in a new value only to deliberately make a second identical partial refund.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const checked = checkRefundInput(bundle.inputData);
      if ('problem' in checked) throw new z.errors.Error(checked.problem, 'invalid_input', 400);
      const stripe = stripeClient(z, bundle.authData);
      return refundErrors(z, () =>
        refundPayment(stripe, checked.id, checked.kind, checked.request),
      );
    },
    sample,
    outputFields: refundOutputFields,
  },
});
