import { planPrefill, PREFILL_FIELDS } from './prefill';
import { TRACKING_FIELDS, trackingValueProblem, withTracking } from './tracking';

/** The order of the parameters in every link this app builds: tracking first, then prefill. */
export const LINK_PARAMETER_ORDER = [...TRACKING_FIELDS, ...PREFILL_FIELDS];

/**
 * The Payment Link again, for a customer who left its checkout: their email and their
 * `client_reference_id` prefilled under the tracked-link builder's rules. A value those rules
 * refuse is left out (Stripe would drop it silently). Pure; null without a link URL.
 */
export function recoveryUrl(
  linkUrl: string | null,
  customer: { email: string | null; clientReferenceId: string | null },
): string | null {
  if (!linkUrl) return null;
  const params: Record<string, string> = {};
  const reference = customer.clientReferenceId ?? '';
  if (reference && trackingValueProblem('client_reference_id', reference) === null)
    params.client_reference_id = reference;
  const prefill = planPrefill({ prefilled_email: customer.email ?? '' });
  if (!('problem' in prefill)) Object.assign(params, prefill.params);
  return withTracking(linkUrl, params, LINK_PARAMETER_ORDER);
}
