import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { text } from '../lib/input';
import {
  createPortalLink,
  CustomerNotFound,
  planPortalOptions,
  PORTAL_EXPIRY_NOTE,
  returnUrlProblem,
  type PortalOutput,
} from '../lib/links/portal';
import { parseCustomerRef } from '../lib/stripe/customers';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';

const sample: PortalOutput = {
  url: 'https://billing.stripe.com/p/session/test_YWNjdF8xTmZha2U',
  id: 'bps_1QxPortal0001',
  customer: 'cus_QxLumen01',
  customer_email: 'ana@example.com',
  customers_with_email: 1,
  note: '',
  expiry_note: PORTAL_EXPIRY_NOTE,
  return_url: 'https://shop.example.com/account',
};

export default defineCreate({
  key: 'create_portal_session',
  noun: 'Portal Link',
  display: {
    label: 'Create Customer Portal Link',
    description: 'Creates a link to the Stripe customer portal for one customer.',
  },
  operation: {
    inputFields: [
      {
        key: 'customer',
        label: 'Customer',
        required: true,
        dynamic: 'customer_list.id.name',
        search: 'find_customer.id',
        helpText:
          'The customer ID (cus_…) or their email address. Several customers with one email: the most recent is used, and the output says so.',
      },
      {
        key: 'return_url',
        label: 'Return URL',
        required: false,
        helpText:
          'Where the "Return" link in the portal goes (https). Empty: your portal settings decide.',
      },
      {
        key: 'flow',
        label: 'Go Straight To',
        required: false,
        choices: [
          {
            value: 'payment_method_update',
            label: 'Update payment method',
            sample: 'payment_method_update',
          },
          {
            value: 'subscription_cancel',
            label: 'Cancel a subscription',
            sample: 'subscription_cancel',
          },
          {
            value: 'subscription_update',
            label: 'Change a subscription',
            sample: 'subscription_update',
          },
        ],
        helpText:
          'Opens the portal on one task instead of its home page. The subscription tasks need Subscription, and must be enabled in your portal settings (Dashboard → Settings → Billing → Customer portal).',
      },
      {
        key: 'subscription',
        label: 'Subscription',
        required: false,
        dynamic: 'subscription_list.id.name',
        altersDynamicFields: false,
        helpText:
          'For "Cancel a subscription" or "Change a subscription": pick one of the chosen customer\'s subscriptions (those not canceled), or map or paste its ID (sub_…).',
      },
      {
        key: 'configuration',
        label: 'Portal Configuration',
        required: false,
        dynamic: 'portal_configuration_list.id.name',
        altersDynamicFields: false,
        helpText:
          'When you keep several portal configurations (e.g. per brand or plan): pick an active one, or paste its ID (bpc_…). Empty: your default portal settings.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const ref = parseCustomerRef(bundle.inputData.customer);
      if ('problem' in ref) throw new z.errors.Error(ref.problem, 'invalid_input', 400);
      const returnUrl = text(bundle.inputData.return_url);
      const problem = returnUrlProblem(returnUrl);
      if (problem) throw new z.errors.Error(problem, 'invalid_input', 400);
      const options = planPortalOptions(bundle.inputData);
      if ('problem' in options) throw new z.errors.Error(options.problem, 'invalid_input', 400);
      const stripe = stripeClient(z, bundle.authData);
      return mapStripeErrors(z, () =>
        createPortalLink(stripe, ref, returnUrl, options).catch((err: unknown) => {
          if (err instanceof CustomerNotFound)
            throw new z.errors.Error(err.message, 'customer_not_found', 404);
          throw err;
        }),
      );
    },
    sample,
    outputFields: [
      { key: 'url', label: 'Portal URL' },
      { key: 'id', label: 'Portal Session ID' },
      { key: 'customer', label: 'Customer ID' },
      { key: 'customer_email', label: 'Customer Email' },
      { key: 'customers_with_email', label: 'Customers With This Email', type: 'integer' },
      { key: 'note', label: 'Note' },
      { key: 'expiry_note', label: 'Expiry' },
      { key: 'return_url', label: 'Return URL' },
    ],
  },
});
