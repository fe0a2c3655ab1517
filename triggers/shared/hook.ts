import type { Bundle, ZObject } from 'zapier-platform-core';
import { mapStripeErrors } from '../../lib/stripe/errors';
import {
  receiveHook,
  subscribeHook,
  unsubscribeHook,
  type StripeHook,
} from '../../lib/webhooks/lifecycle';

/** The operation of an instant trigger: the shared webhook lifecycle around one hook. */
export function hookOperation<O, T, S>(
  hook: StripeHook<O, T>,
  rest: {
    performList: (z: ZObject, bundle: Bundle) => Promise<S[]>;
    sample: S;
    outputFields: { key: string; label?: string }[];
  },
) {
  return {
    type: 'hook' as const,
    performSubscribe: subscribeHook(hook),
    performUnsubscribe: unsubscribeHook(),
    perform: async (z: ZObject, bundle: Bundle) =>
      mapStripeErrors(z, () => receiveHook(hook)(z, bundle)),
    ...rest,
  };
}
