import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { connectionLabel, type ConnectionCheck } from './lib/connection/label';
import { missingScopes, OAUTH_SCOPE } from './lib/connection/scopes';
import { USERINFO_URL, googleRequest } from './lib/google/request';
import { forZapHistory } from './lib/redact';
import { stripeClient } from './lib/stripe/client';
import { mapStripeErrors } from './lib/stripe/errors';
import { isLiveKey, stripeAccountProblem, stripeKeyProblem } from './lib/stripe/key';
import { codeOf, isZapierError, messageOf, RECONNECT_GOOGLE } from './lib/errors';

const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const TOKENINFO_URL = 'https://oauth2.googleapis.com/tokeninfo';

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

async function tokenRequest(z: ZObject, body: Record<string, string>): Promise<TokenResponse> {
  const token = await googleRequest<TokenResponse>(z, {
    url: TOKEN_URL,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      client_id: process.env.CLIENT_ID ?? '',
      client_secret: process.env.CLIENT_SECRET ?? '',
      ...body,
    }).toString(),
    resource: 'Google sign-in',
  });
  return {
    access_token: token.access_token,
    refresh_token: token.refresh_token,
    expires_in: token.expires_in,
    scope: token.scope,
  };
}

/**
 * The Stripe half of the connection. With OAuth 2 Zapier hands the connection form's fields to
 * `getAccessToken` as input, and keeps in the connection what the token functions return: so both
 * return the Stripe fields, or the key would be lost at the exchange or at the next refresh.
 */
function stripeFields(source: Record<string, unknown> | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of ['stripe_secret_key', 'stripe_account']) {
    const value = source?.[key];
    // Absent stays absent: an empty value must not overwrite one already kept.
    if (typeof value === 'string' && value) fields[key] = value;
  }
  return fields;
}

const getAccessToken = async (z: ZObject, bundle: Bundle) => ({
  ...(await tokenRequest(z, {
    grant_type: 'authorization_code',
    code: String(bundle.inputData.code ?? ''),
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
  })),
  ...stripeFields({ ...bundle.authData, ...bundle.inputData }),
});

const refreshAccessToken = async (z: ZObject, bundle: Bundle) => {
  const token = await tokenRequest(z, {
    grant_type: 'refresh_token',
    refresh_token: bundle.authData.refresh_token ?? '',
  });
  // Google omits the refresh token on refresh: keep the one we have.
  return {
    ...token,
    refresh_token: token.refresh_token ?? bundle.authData.refresh_token,
    ...stripeFields(bundle.authData),
  };
};

async function checkStripe(
  z: ZObject,
  bundle: Bundle,
): Promise<Pick<ConnectionCheck, 'stripe_account_id' | 'stripe_account_name' | 'stripe_mode'>> {
  const key = String(bundle.authData.stripe_secret_key ?? '');
  const stripe = stripeClient(z, bundle.authData);
  const mode = isLiveKey(key) ? 'live' : 'test';
  const account = await mapStripeErrors(z, async () => {
    try {
      return bundle.authData.stripe_account
        ? await stripe.accounts.retrieve(bundle.authData.stripe_account.trim())
        : await stripe.accounts.retrieveCurrent();
    } catch (err) {
      // A restricted key may lack "Account: read": it still authenticated, so the connection works.
      if ((err as { type?: string }).type === 'StripePermissionError') return null;
      throw err;
    }
  });
  const name =
    account?.settings?.dashboard?.display_name ||
    account?.business_profile?.name ||
    account?.email ||
    account?.id ||
    'Stripe';
  return { stripe_account_id: account?.id ?? null, stripe_account_name: name, stripe_mode: mode };
}

async function checkGoogle(
  z: ZObject,
  bundle: Bundle,
): Promise<Pick<ConnectionCheck, 'google_email'>> {
  const user = await googleRequest<{ email?: string }>(z, {
    url: USERINFO_URL,
    resource: 'your Google profile',
  });
  let scope = bundle.authData.scope;
  if (!scope) {
    const info = await googleRequest<{ scope?: string }>(z, {
      url: TOKENINFO_URL,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: bundle.authData.access_token ?? '' }).toString(),
      resource: 'the Google token',
    });
    scope = info.scope ?? '';
  }
  const missing = missingScopes(scope);
  if (missing.length) {
    throw new z.errors.ExpiredAuthError(
      `Google permissions missing: ${missing.join('; ')}. ${RECONNECT_GOOGLE[0].toUpperCase()}${RECONNECT_GOOGLE.slice(1)} and tick every box on Google's consent screen.`,
    );
  }
  return { google_email: user.email ?? '' };
}

/** Answers that say nothing about the credentials: an outage or no answer at all. */
const UNREACHED = new Set(['stripe_unavailable', 'google_unavailable', 'stripe_unexpected']);

/**
 * One sentence per half. An outage or a network failure is not the connection's fault: it says to
 * test again, never "replay this step" (a connection test has no step) nor raw fetch text.
 */
function halfFailed(half: 'Stripe' | 'Google', reason: unknown): string {
  const code = codeOf(reason);
  const zapier = isZapierError(reason);
  if (typeof reason === 'string' || (zapier && !UNREACHED.has(code ?? '')))
    return `${half} half of the connection failed: ${messageOf(reason)}`;
  const status = /\((\d{3})\)|HTTP (\d{3})|answered (\d{3})/.exec(messageOf(reason));
  const cause = status
    ? `HTTP ${status[1] ?? status[2] ?? status[3]}`
    : zapier
      ? 'no answer'
      : (code ?? 'no answer');
  return `${half} half of the connection failed: ${half} could not be reached just now (${cause}); test the connection again in a few minutes.`;
}

function throttleDelay(err: unknown): number {
  try {
    const { delay } = JSON.parse((err as Error).message) as { delay?: unknown };
    return typeof delay === 'number' ? delay : 60;
  } catch {
    return 60;
  }
}

/**
 * One verdict from the two halves. Only rejected credentials (a refused key, a revoked or
 * under-scoped Google grant) ask the user to reconnect; an expired Google token is refreshed;
 * a 429 is retried later; an outage or a network failure is a plain error that keeps the account
 * connected.
 */
function connectionFailure(z: ZObject, failures: { half: 'Stripe' | 'Google'; reason: unknown }[]) {
  const names = failures.map((f) => (f.reason as Error)?.name);
  const message = forZapHistory(failures.map((f) => halfFailed(f.half, f.reason)).join(' | '));
  if (names.includes('ExpiredAuthError')) return new z.errors.ExpiredAuthError(message);
  const refresh = failures.find((f) => (f.reason as Error)?.name === 'RefreshAuthError');
  if (refresh) return refresh.reason as Error;
  const throttled = failures.filter((f) => (f.reason as Error)?.name === 'ThrottledError');
  if (throttled.length) {
    return new z.errors.ThrottledError(
      message,
      Math.max(...throttled.map((f) => throttleDelay(f.reason))),
    );
  }
  return new z.errors.Error(message, 'connection_unavailable', 503);
}

/** Checks both halves at once and names the one that is wrong. A malformed key sends nothing. */
export async function testConnection(
  z: ZObject,
  bundle: Bundle,
): Promise<ConnectionCheck & { connection_label: string }> {
  const keyProblem =
    stripeKeyProblem(bundle.authData.stripe_secret_key) ??
    stripeAccountProblem(bundle.authData.stripe_account);
  if (keyProblem) throw new z.errors.ExpiredAuthError(halfFailed('Stripe', keyProblem.message));
  const [stripe, google] = await Promise.allSettled([
    checkStripe(z, bundle),
    checkGoogle(z, bundle),
  ]);
  if (stripe.status === 'fulfilled' && google.status === 'fulfilled') {
    const check = { ...stripe.value, ...google.value };
    return { ...check, connection_label: connectionLabel(check) };
  }
  throw connectionFailure(z, [
    ...(stripe.status === 'rejected' ? [{ half: 'Stripe' as const, reason: stripe.reason }] : []),
    ...(google.status === 'rejected' ? [{ half: 'Google' as const, reason: google.reason }] : []),
  ]);
}

const authentication: Authentication = {
  type: 'oauth2',
  fields: [
    {
      key: 'stripe_secret_key',
      label: 'Stripe Secret Key',
      type: 'password',
      required: true,
      computed: false,
      helpText:
        'From [Stripe Dashboard → Developers → API keys](https://dashboard.stripe.com/apikeys): a secret key (`sk_test_…` / `sk_live_…`) or a restricted key (`rk_…`). ' +
        "A restricted key needs **write** on Webhook Endpoints, Refunds, Payment Links, Customer portal and Charges (Send Stripe Receipt), and **read** on Checkout Sessions, Events, Invoices, Customers, Prices, Products, Payment Intents, Disputes, Balance and Subscriptions (the Subscription dropdown); Account read is optional (the connection name), and Connect → Accounts read fills the connected-account dropdowns of a Connect platform. Each step's list is in the integration's docs (stripe-keys.md).",
    },
    {
      key: 'stripe_account',
      label: 'Stripe Connected Account (Optional)',
      type: 'string',
      required: false,
      computed: false,
      helpText:
        'Only for Stripe Connect platforms: the connected account id (`acct_…`) to act on. Leave empty for your own account.',
    },
  ],
  oauth2Config: {
    authorizeUrl: {
      url: 'https://accounts.google.com/o/oauth2/v2/auth',
      params: {
        client_id: '{{process.env.CLIENT_ID}}',
        state: '{{bundle.inputData.state}}',
        redirect_uri: '{{bundle.inputData.redirect_uri}}',
        response_type: 'code',
        access_type: 'offline',
        prompt: 'consent',
      },
    },
    getAccessToken,
    refreshAccessToken,
    scope: OAUTH_SCOPE,
    autoRefresh: false,
  },
  test: testConnection,
  // A template, not a function: `zapier-platform invoke auth label` renders only templates.
  connectionLabel: '{{bundle.inputData.connection_label}}',
};

export default authentication;
