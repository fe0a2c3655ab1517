import { checkStripeRequest, resetStripeDouble } from './stripe/check';
import type { Provider } from './strict';

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
];
