import type Stripe from 'stripe';
import { isStripeError } from './errors';

export type ConnectedAccountChoice = {
  id: string;
  name: string;
  country: string | null;
  charges_enabled: boolean;
};

/** "Lumen Prints · owner@lumenprints.example · US · acct_…", marked when it cannot take charges. */
export function connectedAccountChoice(account: Stripe.Account): ConnectedAccountChoice {
  const title = account.business_profile?.name || account.settings?.dashboard?.display_name || null;
  const name = [
    title,
    account.email,
    account.country,
    account.charges_enabled ? null : 'charges not enabled',
    account.id,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id: account.id,
    name,
    country: account.country ?? null,
    charges_enabled: account.charges_enabled ?? false,
  };
}

const PASTE =
  "Type or paste the connected account's ID (acct_…) instead: Stripe Dashboard → Connect → Accounts.";

/**
 * Why Stripe refused to list connected accounts, as one sentence with what to do; null when the
 * error is not such a refusal. Only a Connect platform's key may list them (403 "Only Stripe
 * Connect platforms can work with other accounts"); a restricted key also needs the permission.
 */
export function accountsListRefusal(err: unknown): string | null {
  if (!isStripeError(err)) return null;
  const rak = /\brak_[a-z0-9_]+_read\b/.exec(err.message);
  if (err.type === 'StripePermissionError' && rak)
    return `This Stripe key may not list connected accounts: it lacks Connect → Accounts: read (${rak[0]}). Add it to the key, or ${PASTE.charAt(0).toLowerCase()}${PASTE.slice(1)}`;
  if (err.type === 'StripePermissionError' || /connect platform/i.test(err.message))
    return `This Stripe key cannot list connected accounts: only a Connect platform's key can. ${PASTE}`;
  return null;
}
