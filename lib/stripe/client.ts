import type Stripe from 'stripe';
import type { ZObject } from 'zapier-platform-core';
import { SDK_RETRIES } from '../retry';
import { APP_NAME, APP_VERSION } from '../version';
import { stripeAccountProblem, stripeKeyProblem } from './key';
import { attachStepLimiter } from './limiter';

export type StripeClient = Stripe;
export type StripeOverrides = Partial<{
  host: string;
  port: number;
  protocol: 'http' | 'https';
  maxNetworkRetries: number;
  timeout: number;
}>;

/** Fits inside Zapier's 30 s step: one retry (lib/retry.ts) of a 12 s request still leaves room to answer. */
export const STRIPE_TIMEOUT_MS = 12_000;

type StripeModule = typeof import('stripe');
let stripeModule: StripeModule | undefined;

/** Loaded on first use, not at app load: most Zap steps (Sheets, Gmail) never need it. */
function loadStripe(): StripeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stripeModule ??= require('stripe') as StripeModule;
  return stripeModule;
}

export function stripeApiVersion(): Stripe.LatestApiVersion {
  return loadStripe().API_VERSION as Stripe.LatestApiVersion;
}

/** The Connect account the connection acts for (`acct_…`), or null for the key's own account. */
export function connectedAccount(authData: Record<string, unknown>): string | null {
  return typeof authData.stripe_account === 'string'
    ? authData.stripe_account.trim() || null
    : null;
}

/**
 * The one way to get a Stripe client. Key and Connect account come from the connection; a bad
 * key is refused here, before any request. Each client carries its step's rate limiter
 * (`stepLimiter(client)`), set for the key's mode.
 */
export function stripeClient(
  z: ZObject,
  authData: Record<string, unknown>,
  overrides: StripeOverrides = {},
): StripeClient {
  const problem =
    stripeKeyProblem(authData.stripe_secret_key) ?? stripeAccountProblem(authData.stripe_account);
  if (problem) throw new z.errors.ExpiredAuthError(problem.message);
  const StripeCtor = loadStripe();
  const account = connectedAccount(authData);
  const key = String(authData.stripe_secret_key).trim();
  const client = new StripeCtor(key, {
    apiVersion: StripeCtor.API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: SDK_RETRIES,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: APP_NAME, version: APP_VERSION },
    telemetry: false,
    ...(account ? { stripeAccount: account } : {}),
    ...overrides,
  });
  attachStepLimiter(client, key);
  return client;
}

/**
 * A client for the key's own (platform) account even when the connection acts for a connected
 * account. stripe-node sends a per-request `stripeAccount` but falls back to the client's own
 * (`options.stripeAccount ?? client's`), so a header can be added per request, never left out:
 * destination charges need a client made without it.
 */
export function platformStripeClient(
  z: ZObject,
  authData: Record<string, unknown>,
  overrides: StripeOverrides = {},
): StripeClient {
  const problem = stripeAccountProblem(authData.stripe_account);
  if (problem) throw new z.errors.ExpiredAuthError(problem.message);
  return stripeClient(z, { ...authData, stripe_account: null }, overrides);
}

/**
 * The accounts an existing object may live on, in order: the connection's (connected) account,
 * then — when the connection has a connected account — the platform, where destination charges
 * are made.
 */
export function lookupClients(z: ZObject, authData: Record<string, unknown>): StripeClient[] {
  const own = stripeClient(z, authData);
  return connectedAccount(authData) ? [own, platformStripeClient(z, authData)] : [own];
}
