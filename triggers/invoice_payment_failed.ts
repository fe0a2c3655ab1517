import { defineTrigger } from 'zapier-platform-core';
import {
  failedPaymentRecordFor,
  INVOICE_PAYMENT_FAILED_EVENTS,
  recentFailedPayments,
  selectFailedInvoice,
} from '../lib/webhooks/subscriptions';
import { failedPaymentOutputFields, failedPaymentSample } from './shared/billing';
import { hookOperation, recordHook, samplesFrom } from './shared/hook';

const KEY = 'invoice_payment_failed';

const hook = recordHook(
  KEY,
  INVOICE_PAYMENT_FAILED_EVENTS,
  selectFailedInvoice,
  failedPaymentRecordFor,
);

export default defineTrigger({
  key: KEY,
  noun: 'Invoice',
  display: {
    label: 'Subscription Payment Failed',
    description:
      'Triggers when a subscription payment attempt fails (once per attempt), with the hosted invoice page the customer can pay on, the next retry, the plan and the Payment Link the subscription came from.',
  },
  operation: hookOperation(hook, {
    performList: samplesFrom(recentFailedPayments),
    sample: failedPaymentSample,
    outputFields: failedPaymentOutputFields,
  }),
});
