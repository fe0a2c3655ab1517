import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { platformStripeClient, stripeClient } from '../../lib/stripe/client';
import { dropdownPage } from '../../lib/stripe/dropdown';
import { mapStripeErrors } from '../../lib/stripe/errors';

type Page = { limit: number; starting_after?: string };

export type DropdownOptions = {
  /** List on the key's own (platform) account, even when the connection acts for a connected one. */
  platform?: boolean;
  /** A refusal the dropdown explains in its own words (the message), or null for the usual mapping. */
  refusal?: (err: unknown) => string | null;
};

/**
 * The perform of a paginated Stripe dropdown: one list page of 100 per "Load more". `list` also
 * gets the step's other inputs (Zapier hands them to the dropdown), e.g. the chosen customer.
 */
export function stripeDropdown<T extends { id: string }, C>(
  list: (
    stripe: Stripe,
    page: Page,
    input: Bundle['inputData'],
  ) => Promise<{ data: T[]; has_more: boolean }>,
  choice: (item: T) => C,
  options: DropdownOptions = {},
) {
  return async (z: ZObject, bundle: Bundle): Promise<C[]> => {
    const stripe = (options.platform ? platformStripeClient : stripeClient)(z, bundle.authData);
    return dropdownPage(
      z.cursor,
      bundle.meta?.page ?? 0,
      (after) =>
        mapStripeErrors(z, async () => {
          try {
            return await list(
              stripe,
              { limit: 100, ...(after ? { starting_after: after } : {}) },
              bundle.inputData ?? {},
            );
          } catch (err) {
            const refused = options.refusal?.(err);
            if (refused) throw new z.errors.Error(refused, 'stripe_refused_list', 403);
            throw err;
          }
        }),
      choice,
    );
  };
}
