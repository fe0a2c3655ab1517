import type Stripe from 'stripe';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import type { FailedPaymentRecord } from '../lib/stripe/billing-record';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import type { StripeHook } from '../lib/webhooks/lifecycle';
import {
  failedPaymentRecordFor,
  INVOICE_PAYMENT_FAILED_EVENTS,
  recentFailedPayments,
  selectFailedInvoice,
} from '../lib/webhooks/subscriptions';
import { failedPaymentOutputFields, failedPaymentSample } from './shared/billing';
import { hookOperation } from './shared/hook';

const KEY = 'invoice_payment_failed';

const hook: StripeHook<Stripe.Invoice, FailedPaymentRecord> = {
  key: KEY,
  events: INVOICE_PAYMENT_FAILED_EVENTS,
  select: (event) => selectFailedInvoice(event),
  build: async (_z, bundle, invoice, stripe) => [
    await failedPaymentRecordFor(stripe(), invoice, connectedAccount(bundle.authData)),
  ],
};

const performList = async (z: ZObject, bundle: Bundle) => {
  const stripe = stripeClient(z, bundle.authData);
  return mapStripeErrors(z, () =>
    recentFailedPayments(stripe, {
      limit: Math.min(100, bundle.meta?.limit && bundle.meta.limit > 0 ? bundle.meta.limit : 10),
      account: connectedAccount(bundle.authData),
    }),
  );
};

export default defineTrigger({
  key: KEY,
  noun: 'Invoice',
  display: {
    label: 'Subscription Payment Failed',
    description:
      'Triggers each time a subscription payment attempt fails, with the hosted invoice page the customer can pay on, the next retry, the plan and the Payment Link the subscription came from.',
  },
  operation: hookOperation(hook, {
    performList,
    sample: failedPaymentSample,
    outputFields: failedPaymentOutputFields,
  }),
});
