import { checkStripeRequest, resetStripeDouble } from './stripe/check';
import type { Provider } from './strict';
import { checkGoogleRequest } from './google/check';

/**
 * The providers whose rules every test's HTTP goes through (test/setup.ts installs them). Each
 * check is derived from the provider's own definitions (see the modules named here).
 */
export const PROVIDERS: Provider[] = [
  {
    name: 'Stripe',
    origin: /^https:\/\/api\.stripe\.com$/,
    check: checkStripeRequest,
    reset: resetStripeDouble,
  },
  // Sheets v4, Gmail v1 (also under www.googleapis.com/gmail/), OAuth token and userinfo.
  {
    name: 'Google',
    origin: /^https:\/\/(sheets|gmail|www|oauth2)\.googleapis\.com$/,
    check: checkGoogleRequest,
  },
];
