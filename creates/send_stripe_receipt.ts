import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { paymentField } from './shared/payment-field';
import {
  planReceipt,
  receiptCharge,
  ReceiptRefused,
  sendReceipt,
  TEST_MODE_NOTE,
  type ReceiptOutput,
} from '../lib/receipts/send';
import { findOnAccounts } from '../lib/stripe/accounts';
import { lookupClients } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';

const sample: ReceiptOutput = {
  receipt_url: 'https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xUXhMdW1lbg',
  email: 'ada@example.com',
  charge: 'ch_3QxLumenPaid01',
  payment_intent: 'pi_3QxLumenPaid01',
  status: 'succeeded',
  amount: 4860,
  amount_decimal: '48.60',
  currency: 'usd',
  receipt_number: '1873-4409',
  livemode: false,
  note: TEST_MODE_NOTE,
};

export default defineCreate({
  key: 'send_stripe_receipt',
  noun: 'Receipt',
  display: {
    label: 'Send Stripe Receipt',
    description: 'Has Stripe email its own receipt for a payment.',
  },
  operation: {
    inputFields: [
      paymentField,
      {
        key: 'email',
        label: 'Email',
        required: false,
        helpText:
          "Where Stripe sends the receipt. Empty: the customer's address on the payment. The same payment and address within 24 hours get one receipt, even if the step is replayed; resend from the Dashboard for more.",
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const plan = planReceipt(bundle.inputData);
      if ('problem' in plan) throw new z.errors.Error(plan.problem, 'invalid_input', 400);
      const clients = lookupClients(z, bundle.authData);
      return mapStripeErrors(z, async () => {
        try {
          const hit = await findOnAccounts(clients, (stripe) => receiptCharge(stripe, plan));
          return await sendReceipt(hit!.stripe, plan, hit!.found);
        } catch (err) {
          if (err instanceof ReceiptRefused)
            throw new z.errors.Error(err.message, 'receipt_refused', 400);
          throw err;
        }
      });
    },
    sample,
    outputFields: [
      { key: 'receipt_url', label: 'Receipt URL' },
      { key: 'email', label: 'Sent To' },
      { key: 'charge', label: 'Charge ID' },
      { key: 'payment_intent', label: 'Payment Intent ID' },
      { key: 'status', label: 'Payment Status' },
      { key: 'amount', label: 'Amount (Minor Units)', type: 'integer' },
      { key: 'amount_decimal', label: 'Amount' },
      { key: 'currency', label: 'Currency' },
      { key: 'receipt_number', label: 'Receipt Number' },
      { key: 'livemode', label: 'Live Mode', type: 'boolean' },
      { key: 'note', label: 'Note' },
    ],
  },
});
