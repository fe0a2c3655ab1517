import type Stripe from 'stripe';
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

export async function createPortalLink(
  stripe: Stripe,
  ref: CustomerRef,
  returnUrl: string,
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
