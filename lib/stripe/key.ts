import { RECONNECT_STRIPE } from '../errors';

/** Checks the shape of a Stripe key before any request is made. Never echoes the key back. */
export type StripeKeyProblem = { message: string };

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{10,250}$/;
const ACCOUNT_ID = /^acct_[A-Za-z0-9]{6,}$/;

export function stripeKeyProblem(key: unknown): StripeKeyProblem | null {
  const value = typeof key === 'string' ? key.trim() : '';
  if (!value)
    return {
      message: `The Stripe secret key is empty: ${RECONNECT_STRIPE}, a secret key (sk_…) or restricted key (rk_…) from Stripe Dashboard → Developers → API keys.`,
    };
  if (SECRET_KEY.test(value)) return null;
  if (value.startsWith('pk_'))
    return {
      message: `That is a Stripe publishable key (pk_…), which cannot read orders: ${RECONNECT_STRIPE}, the secret key (sk_…) or a restricted key (rk_…).`,
    };
  if (value.startsWith('whsec_'))
    return {
      message: `That is a webhook signing secret (whsec_…), not an API key: ${RECONNECT_STRIPE}, the secret key (sk_…) or a restricted key (rk_…) from Developers → API keys.`,
    };
  return {
    message: `The Stripe key is not in the expected form (sk_test_…, sk_live_…, rk_test_… or rk_live_…): ${RECONNECT_STRIPE}, copied again from Stripe Dashboard → Developers → API keys, without spaces.`,
  };
}

export function stripeAccountProblem(account: unknown): StripeKeyProblem | null {
  if (account === undefined || account === null || account === '') return null;
  if (typeof account === 'string' && ACCOUNT_ID.test(account.trim())) return null;
  return {
    message:
      'The Stripe connected account must be an account id like acct_1A2b3C…, or left empty for your own account.',
  };
}

export function isLiveKey(key: string): boolean {
  return /^(sk|rk)_live_/.test(key.trim());
}
