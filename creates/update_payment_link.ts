import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { paymentLinkOutput, type PaymentLinkOutput } from '../lib/links/create';
import { MAX_LINKS_CHECKED, paymentLinkNotFound } from '../lib/links/resolve';
import { planPaymentLinkUpdate, updatePaymentLink } from '../lib/links/update';
import { findOnAccounts } from '../lib/stripe/accounts';
import { lookupClients } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import createPaymentLink from './create_payment_link';
import { inactiveMessageField, promotionsConsentUpdateField } from './shared/link-fields';

type UpdatedLinkOutput = PaymentLinkOutput & { inactive_message: string | null };

const sample: UpdatedLinkOutput = {
  id: 'plink_1QxSpringSale',
  url: 'https://buy.stripe.com/test_9AQ5kQ',
  active: false,
  livemode: false,
  after_completion: 'redirect',
  redirect_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
  confirmation_message: null,
  metadata: {},
  max_completed_sessions: null,
  inactive_message: 'The spring sale is over — see you in autumn.',
};

export default defineCreate({
  key: 'update_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Update Payment Link',
    description: 'Changes a Stripe Payment Link: deactivates, reactivates or edits it.',
  },
  operation: {
    inputFields: [
      {
        key: 'payment_link',
        label: 'Payment Link',
        required: true,
        dynamic: 'payment_link_list.id.name',
        search: 'find_payment_link.id',
        helpText: `The link (\`buy.stripe.com/…\`) or its ID (\`plink_…\`), from the Stripe account this Zap is connected to. A pasted URL is looked up among your newest ${MAX_LINKS_CHECKED} active and ${MAX_LINKS_CHECKED} inactive links; an ID is read directly.`,
      },
      {
        key: 'active',
        label: 'Active',
        required: false,
        choices: [
          { value: 'false', label: 'Deactivate', sample: 'false' },
          { value: 'true', label: 'Reactivate', sample: 'true' },
        ],
        helpText:
          'Deactivate: customers who open the link see the Inactive Message instead of the payment page. Empty: unchanged.',
      },
      {
        key: 'after_completion',
        label: 'After Payment',
        required: false,
        choices: [
          {
            value: 'hosted_confirmation',
            label: "Show Stripe's confirmation page",
            sample: 'hosted_confirmation',
          },
          { value: 'redirect', label: 'Redirect to my website', sample: 'redirect' },
        ],
        helpText:
          'Empty: unchanged, unless a Redirect URL (→ redirect) or a Confirmation Message (→ confirmation page) is given.',
      },
      {
        key: 'redirect_url',
        label: 'Redirect URL',
        required: false,
        helpText: 'Your thank-you page, https only.',
      },
      {
        key: 'add_session_id',
        label: 'Add Session ID to Redirect URL',
        type: 'boolean',
        default: 'true',
        required: false,
        helpText:
          'Adds `session_id={CHECKOUT_SESSION_ID}` to the redirect URL (unless it already has the placeholder).',
      },
      {
        key: 'confirmation_message',
        label: 'Confirmation Message',
        required: false,
        helpText: "Shown on Stripe's confirmation page (up to 500 characters).",
      },
      {
        key: 'metadata',
        label: 'Metadata',
        dict: true,
        required: false,
        helpText:
          "Added to the link's metadata: the keys given are set, other keys stay. Copied to the link's future Checkout Sessions.",
      },
      inactiveMessageField,
      promotionsConsentUpdateField,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const plan = planPaymentLinkUpdate(bundle.inputData);
      if ('problem' in plan) throw new z.errors.Error(plan.problem, 'invalid_input', 400);
      const clients = lookupClients(z, bundle.authData);
      const hit = await mapStripeErrors(z, async () => {
        const found = await findOnAccounts(clients, (stripe) => updatePaymentLink(stripe, plan));
        if (!found) throw paymentLinkNotFound(plan.link);
        return found;
      });
      return {
        ...paymentLinkOutput(hit.found),
        inactive_message: hit.found.inactive_message ?? null,
      };
    },
    sample,
    outputFields: [
      ...(createPaymentLink.operation.outputFields ?? []),
      { key: 'inactive_message', label: 'Inactive Message' },
    ],
  },
});
