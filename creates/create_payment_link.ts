import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  MAX_LINE_ITEMS,
  paymentLinkOutput,
  planPaymentLink,
  withParams,
  type PaymentLinkOutput,
} from '../lib/links/create';
import { connectParams, planConnect } from '../lib/links/connect';
import { connectedAccount, platformStripeClient, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { connectFields, linkOptionFields, promotionsConsentField } from './shared/link-fields';

const sample: PaymentLinkOutput = {
  id: 'plink_1QxSpringSale',
  url: 'https://buy.stripe.com/test_9AQ5kQ',
  active: true,
  livemode: false,
  after_completion: 'redirect',
  redirect_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
  confirmation_message: null,
  metadata: {},
  max_completed_sessions: null,
};

export default defineCreate({
  key: 'create_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Create Payment Link',
    description: 'Creates a Stripe Payment Link for one or more prices.',
  },
  operation: {
    // Cleaning would drop an empty cell of a line item and shift the rest into the wrong items.
    cleanInputData: false,
    inputFields: [
      {
        key: 'line_items',
        label: 'Line Items',
        required: true,
        children: [
          {
            key: 'price',
            label: 'Price',
            required: true,
            dynamic: 'price_list.id.name',
            helpText: 'Choose a price, or paste its ID (price_…).',
          },
          {
            key: 'quantity',
            label: 'Quantity',
            type: 'integer',
            required: false,
            helpText: `Default 1. Up to ${MAX_LINE_ITEMS} line items per link.`,
          },
          {
            key: 'adjustable_quantity',
            label: 'Customer Can Change Quantity',
            type: 'boolean',
            required: false,
          },
          {
            key: 'adjustable_quantity_minimum',
            label: 'Minimum Quantity',
            type: 'integer',
            required: false,
            helpText: 'Default 0.',
          },
          {
            key: 'adjustable_quantity_maximum',
            label: 'Maximum Quantity',
            type: 'integer',
            required: false,
            helpText: 'Default 99, at most 999999.',
          },
        ],
      },
      {
        key: 'after_completion',
        label: 'After Payment',
        required: false,
        helpText:
          "Empty: redirect when a Redirect URL is given, otherwise Stripe's confirmation page.",
        choices: [
          {
            value: 'hosted_confirmation',
            label: "Show Stripe's confirmation page",
            sample: 'hosted_confirmation',
          },
          { value: 'redirect', label: 'Redirect to my website', sample: 'redirect' },
        ],
      },
      {
        key: 'confirmation_message',
        label: 'Confirmation Message',
        required: false,
        helpText: "Shown on Stripe's confirmation page (up to 500 characters).",
      },
      {
        key: 'redirect_url',
        label: 'Redirect URL',
        required: false,
        helpText:
          'Your thank-you page, https only. UTM codes in tracked links reach this page only when the link redirects.',
      },
      {
        key: 'add_session_id',
        label: 'Add Session ID to Redirect URL',
        type: 'boolean',
        default: 'true',
        required: false,
        helpText:
          'Adds `session_id={CHECKOUT_SESSION_ID}` to the redirect URL (unless it already has the placeholder), so your page can look the order up.',
      },
      {
        key: 'allow_promotion_codes',
        label: 'Allow Promotion Codes',
        type: 'boolean',
        required: false,
      },
      {
        key: 'invoice_creation',
        label: 'Create Invoice (One-Time Payments)',
        type: 'boolean',
        required: false,
        helpText:
          'Sends the customer an invoice PDF for one-time payments. Not for subscriptions (they always get invoices).',
      },
      {
        key: 'customer_creation',
        label: 'Customer Creation (One-Time Payments)',
        required: false,
        choices: [
          { value: 'if_required', label: 'Only if required', sample: 'if_required' },
          { value: 'always', label: 'Always create a Customer', sample: 'always' },
        ],
      },
      {
        key: 'phone_number_collection',
        label: 'Collect Phone Number',
        type: 'boolean',
        required: false,
      },
      {
        key: 'billing_address_collection',
        label: 'Billing Address Collection',
        required: false,
        choices: [
          { value: 'auto', label: 'Only when needed', sample: 'auto' },
          { value: 'required', label: 'Always', sample: 'required' },
        ],
      },
      {
        key: 'metadata',
        label: 'Metadata',
        dict: true,
        required: false,
        helpText:
          'Copied to every Checkout Session of this link — how campaign tags reach the "Checkout Session Completed" trigger.',
      },
      {
        key: 'max_completed_sessions',
        label: 'Maximum Completed Payments',
        type: 'integer',
        required: false,
        helpText: 'Deactivates the link after this many payments (e.g. 1 for a single-use link).',
      },
      ...linkOptionFields,
      promotionsConsentField,
      ...connectFields,
      {
        key: 'idempotency_key',
        label: 'Idempotency Key (Advanced)',
        required: false,
        helpText:
          'Empty: every run creates a new link (identical single-use links are fine). Map something unique to the link, such as an order number, so a replayed step returns the link it already created (for 24 hours) instead of a twin.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const plan = planPaymentLink(bundle.inputData);
      if ('problem' in plan) throw new z.errors.Error(plan.problem, 'invalid_input', 400);
      const connect = planConnect(bundle.inputData, connectedAccount(bundle.authData));
      if ('problem' in connect) throw new z.errors.Error(connect.problem, 'invalid_input', 400);
      const stripe = connect.onPlatform
        ? platformStripeClient(z, bundle.authData)
        : stripeClient(z, bundle.authData);
      const extra = await mapStripeErrors(z, () =>
        connectParams(stripe, plan.params.line_items, connect),
      );
      if ('problem' in extra) throw new z.errors.Error(extra.problem, 'invalid_input', 400);
      const request = withParams(plan, extra.params, bundle.inputData);
      const link = await mapStripeErrors(z, () =>
        stripe.paymentLinks.create(request.params, { idempotencyKey: request.idempotencyKey }),
      );
      return paymentLinkOutput(link);
    },
    sample,
    outputFields: [
      { key: 'id', label: 'Payment Link ID' },
      { key: 'url', label: 'URL' },
      { key: 'active', label: 'Active', type: 'boolean' },
      { key: 'livemode', label: 'Live Mode', type: 'boolean' },
      { key: 'after_completion', label: 'After Payment' },
      { key: 'redirect_url', label: 'Redirect URL' },
      { key: 'confirmation_message', label: 'Confirmation Message' },
      { key: 'metadata', label: 'Metadata', dict: true },
      { key: 'max_completed_sessions', label: 'Maximum Completed Payments', type: 'integer' },
    ],
  },
});
