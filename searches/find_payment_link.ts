import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  findPaymentLinks,
  parseLinkQuery,
  paymentLinkRecord,
  type PaymentLinkRecord,
} from '../lib/links/find';
import { MAX_LINKS_CHECKED } from '../lib/links/resolve';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';

const sample: PaymentLinkRecord = {
  id: 'plink_1QxSpringSale',
  url: 'https://buy.stripe.com/test_9AQ5kQ',
  active: true,
  name: 'Art print (A4)',
  products: 'Art print (A4)',
  line_items_count: 1,
  currency: 'usd',
  after_completion: 'redirect',
  redirect_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
  metadata: {},
  dashboard_url: 'https://dashboard.stripe.com/test/payment-links/plink_1QxSpringSale',
  matched_by: 'product',
  links_matched: 1,
};

export default defineSearch({
  key: 'find_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Find Payment Link',
    description: 'Finds a Payment Link by URL, ID, metadata value or product name.',
  },
  operation: {
    inputFields: [
      {
        key: 'query',
        label: 'Payment Link',
        required: true,
        helpText: `The link (\`buy.stripe.com/…\`), its ID (\`plink_…\`), a metadata value (exact, e.g. a campaign name) or part of a product name on it. Active links come first, then deactivated ones; a URL or text is looked for among your newest ${MAX_LINKS_CHECKED} active and ${MAX_LINKS_CHECKED} inactive links, an ID always works.`,
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const query = parseLinkQuery(bundle.inputData.query);
      if ('problem' in query) throw new z.errors.Error(query.problem, 'invalid_input', 400);
      const stripe = stripeClient(z, bundle.authData);
      const { links, matchedBy } = await mapStripeErrors(z, () => findPaymentLinks(stripe, query));
      const account = connectedAccount(bundle.authData);
      return links.map((link, i) => paymentLinkRecord(link, matchedBy[i], links.length, account));
    },
    sample,
    outputFields: [
      { key: 'id', label: 'Payment Link ID' },
      { key: 'url', label: 'URL' },
      { key: 'active', label: 'Active', type: 'boolean' },
      { key: 'name', label: 'Name' },
      { key: 'products', label: 'Products' },
      { key: 'line_items_count', label: 'Number of Line Items', type: 'integer' },
      { key: 'currency', label: 'Currency' },
      { key: 'after_completion', label: 'After Payment' },
      { key: 'redirect_url', label: 'Redirect URL' },
      { key: 'metadata', label: 'Metadata', dict: true },
      { key: 'dashboard_url', label: 'Stripe Dashboard Link' },
      { key: 'matched_by', label: 'Matched By' },
      { key: 'links_matched', label: 'Links Matched', type: 'integer' },
    ],
  },
});
