import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  clientReferenceWarnings,
  TRACKING_FIELDS,
  trackingValueProblem,
  UTM_FIELDS,
  withTracking,
  type TrackingField,
} from '../lib/links/tracking';
import {
  parsePaymentLinkInput,
  paymentLinkWarnings,
  resolvePaymentLink,
  type LinkInput,
  type ResolvedLink,
} from '../lib/links/resolve';
import { text } from '../lib/input';
import { connectionCache } from '../lib/cache';
import { planPrefill } from '../lib/links/prefill';
import { LINK_PARAMETER_ORDER } from '../lib/links/recovery';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { prefillFields } from './shared/link-fields';

const LINK_CACHE_SECONDS = 600;

async function resolveCached(z: ZObject, bundle: Bundle, input: LinkInput): Promise<ResolvedLink> {
  const key = `payment-link:${'id' in input ? input.id : input.url}`;
  const cache = connectionCache(z);
  const cached: unknown = await cache.get(key);
  if (cached && typeof cached === 'object') return cached as ResolvedLink;
  const stripe = stripeClient(z, bundle.authData);
  const resolved = await mapStripeErrors(z, () => resolvePaymentLink(stripe, input));
  if (resolved.id) await cache.set(key, resolved, LINK_CACHE_SECONDS);
  return resolved;
}

export default defineCreate({
  key: 'build_tracked_link',
  noun: 'Tracked Link',
  display: {
    label: 'Build Tracked Payment Link URL',
    description: 'Adds UTM codes and your own reference to a Payment Link URL.',
  },
  operation: {
    inputFields: [
      {
        key: 'payment_link',
        label: 'Payment Link',
        required: true,
        dynamic: 'payment_link_list.id.name',
        search: 'find_payment_link.id',
        helpText: 'The link (`buy.stripe.com/…`) or its ID (`plink_…`).',
      },
      ...UTM_FIELDS.map((key) => ({
        key,
        label: key,
        required: false,
        helpText:
          'Letters, digits, "-" and "_" only, up to 150 characters (Stripe drops anything else).',
      })),
      {
        key: 'client_reference_id',
        label: 'Client Reference ID',
        required: false,
        helpText:
          'Your own order or customer number, passed to the Checkout Session. Letters, digits, "-" and "_", up to 200 characters. Never an email or anything secret: the link is visible.',
      },
      ...prefillFields,
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const params: Partial<Record<TrackingField, string>> = {};
      for (const field of TRACKING_FIELDS) {
        const value = text(bundle.inputData[field]);
        const problem = trackingValueProblem(field, value);
        if (problem) throw new z.errors.Error(problem, 'invalid_input', 400);
        if (value) params[field] = value;
      }
      const prefill = planPrefill(bundle.inputData);
      if ('problem' in prefill) throw new z.errors.Error(prefill.problem, 'invalid_input', 400);
      const input = parsePaymentLinkInput(bundle.inputData.payment_link);
      if ('problem' in input) throw new z.errors.Error(input.problem, 'invalid_input', 400);
      const link = await resolveCached(z, bundle, input);
      const warnings = [
        ...paymentLinkWarnings(input, link),
        ...clientReferenceWarnings(params.client_reference_id ?? ''),
      ];
      const hasUtm = UTM_FIELDS.some((f) => params[f]);
      if (hasUtm && link.id === null) {
        warnings.push(
          "Could not check this link's confirmation behaviour (not found among your Payment Links). UTM codes only reach your page when the link redirects after payment.",
        );
      } else if (hasUtm && link.afterCompletion !== 'redirect') {
        warnings.push(
          "This link shows Stripe's confirmation page after payment instead of redirecting, so the UTM codes will not reach any page of yours. Set the link to redirect to your site, or rely on metadata and client_reference_id.",
        );
      }
      return {
        url: withTracking(link.url, { ...params, ...prefill.params }, LINK_PARAMETER_ORDER),
        payment_link: link.id,
        after_completion: link.afterCompletion,
        parameters: { ...params, ...prefill.params },
        warnings,
        warnings_text: warnings.join(' '),
      };
    },
    sample: {
      url: 'https://buy.stripe.com/test_9AQ5kQ?utm_source=newsletter&utm_campaign=spring-sale&client_reference_id=order-1042',
      payment_link: 'plink_1QxSpringSale',
      after_completion: 'redirect',
      parameters: {
        utm_source: 'newsletter',
        utm_campaign: 'spring-sale',
        client_reference_id: 'order-1042',
      },
      warnings: [],
      warnings_text: '',
    },
    outputFields: [
      { key: 'url', label: 'Tracked URL' },
      { key: 'payment_link', label: 'Payment Link ID' },
      { key: 'after_completion', label: 'After Payment (Redirect or Confirmation Page)' },
      { key: 'parameters', label: 'Parameters Applied', dict: true },
      { key: 'warnings', label: 'Warnings', list: true },
      { key: 'warnings_text', label: 'Warnings (as Text)' },
    ],
  },
});
