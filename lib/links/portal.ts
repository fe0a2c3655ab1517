import type Stripe from 'stripe';
import { text } from '../input';
import { findCustomerByEmail, type CustomerRef } from '../stripe/customers';

export const PORTAL_EXPIRY_NOTE =
  'This portal link is short-lived: send it right away; it expires within minutes if unvisited. Create a new one each time a customer needs it.';

export class CustomerNotFound extends Error {}

export type PortalOutput = {
  url: string;
  id: string;
  customer: string;
  customer_email: string | null;
  customers_with_email: number | null;
  note: string;
  expiry_note: string;
  return_url: string | null;
};

/** https only (Stripe refuses other schemes later and less clearly). */
export function returnUrlProblem(value: string): string | null {
  if (!value) return null;
  try {
    if (new URL(value).protocol === 'https:') return null;
  } catch {
    return 'Return URL is not a web address. Give the full address of your page, starting with https://.';
  }
  return 'Return URL must start with https://.';
}

export const PORTAL_FLOWS = [
  'payment_method_update',
  'subscription_cancel',
  'subscription_update',
] as const;
export type PortalOptions = Pick<
  Stripe.BillingPortal.SessionCreateParams,
  'flow_data' | 'configuration'
>;

/** Stripe ids are opaque: only the prefix is checked. */
function prefixedId(
  value: unknown,
  prefix: string,
  label: string,
  example: string,
): { id: string | null } | { problem: string } {
  const id = text(value);
  if (!id || (id.startsWith(prefix) && id.length > prefix.length && !/\s/.test(id)))
    return { id: id || null };
  return { problem: `${label} "${id.slice(0, 40)}" is not a ${example} ID (${prefix}…).` };
}

/**
 * Pure: straight to one task in the portal (a flow) and which portal configuration to use.
 * The subscription flows need the subscription; a subscription without such a flow is refused
 * rather than ignored.
 */
export function planPortalOptions(input: {
  flow?: unknown;
  subscription?: unknown;
  configuration?: unknown;
}): PortalOptions | { problem: string } {
  const flow = text(input.flow);
  if (flow && !(PORTAL_FLOWS as readonly string[]).includes(flow))
    return {
      problem: `Flow must be one of ${PORTAL_FLOWS.join(', ')}; got "${flow.slice(0, 40)}".`,
    };
  const subscription = prefixedId(input.subscription, 'sub_', 'Subscription', 'subscription');
  if ('problem' in subscription) return subscription;
  const configuration = prefixedId(
    input.configuration,
    'bpc_',
    'Configuration',
    'portal configuration',
  );
  if ('problem' in configuration) return configuration;
  const options: PortalOptions = configuration.id ? { configuration: configuration.id } : {};
  if (flow === 'subscription_cancel' || flow === 'subscription_update') {
    if (!subscription.id)
      return {
        problem: `The "${flow}" flow needs the Subscription (sub_…) to ${flow === 'subscription_cancel' ? 'cancel' : 'update'}.`,
      };
    options.flow_data =
      flow === 'subscription_cancel'
        ? { type: flow, subscription_cancel: { subscription: subscription.id } }
        : { type: flow, subscription_update: { subscription: subscription.id } };
  } else if (subscription.id) {
    return {
      problem:
        'Subscription is used only with the flows "subscription_cancel" and "subscription_update". Choose one, or clear Subscription.',
    };
  } else if (flow) {
    options.flow_data = { type: 'payment_method_update' };
  }
  return options;
}

export async function createPortalLink(
  stripe: Stripe,
  ref: CustomerRef,
  returnUrl: string,
  options: PortalOptions = {},
): Promise<PortalOutput> {
  let customer: string;
  let email: string | null = null;
  let count: number | null = null;
  let note = '';
  if ('id' in ref) {
    customer = ref.id;
  } else {
    const found = await findCustomerByEmail(stripe, ref.email);
    if (!found)
      throw new CustomerNotFound(
        `No Stripe customer has the email ${ref.email}. Check the address, or use the customer ID (cus_…); guest checkouts create no customer unless the link's Customer Creation is "always".`,
      );
    customer = found.id;
    email = found.email;
    count = found.sameEmail;
    if (found.sameEmail > 1) {
      note = `${found.moreThan ? 'More than 100' : found.sameEmail} customers share this email; used the most recent (${found.id}). Map the customer ID to choose another.`;
    }
  }
  const session = await stripe.billingPortal.sessions.create({
    customer,
    ...(returnUrl ? { return_url: returnUrl } : {}),
    ...options,
  });
  return {
    url: session.url,
    id: session.id,
    customer,
    customer_email: email,
    customers_with_email: count,
    note,
    expiry_note: PORTAL_EXPIRY_NOTE,
    return_url: session.return_url ?? null,
  };
}
