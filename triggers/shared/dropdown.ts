import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { stripeClient } from '../../lib/stripe/client';
import { dropdownPage } from '../../lib/stripe/dropdown';
import { mapStripeErrors } from '../../lib/stripe/errors';

type Page = { limit: number; starting_after?: string };

/** The perform of a paginated Stripe dropdown: one list page of 100 per "Load more". */
export function stripeDropdown<T extends { id: string }, C>(
  list: (stripe: Stripe, page: Page) => Promise<{ data: T[]; has_more: boolean }>,
  choice: (item: T) => C,
) {
  return async (z: ZObject, bundle: Bundle): Promise<C[]> => {
    const stripe = stripeClient(z, bundle.authData);
    return dropdownPage(
      z.cursor,
      bundle.meta?.page ?? 0,
      (after) =>
        mapStripeErrors(z, () =>
          list(stripe, { limit: 100, ...(after ? { starting_after: after } : {}) }),
        ),
      choice,
    );
  };
}
