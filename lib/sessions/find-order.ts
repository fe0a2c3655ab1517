import type Stripe from 'stripe';
import { retrieveCheckoutOrder, type CheckoutOrder } from '../stripe/order';
import { stepLimiter } from '../stripe/limiter';
import {
  findByClientReference,
  type FindOptions,
  type FindOutcome,
  type FindRequest,
} from './find';

/** The endpoint a match's retrieve is paced on (test keys: it shares the account with the scan). */
export const RETRIEVE_ENDPOINT = 'GET /v1/checkout/sessions/:id';
/**
 * A match's order fetched while the scan still reads is used only if it was asked for at most
 * this long before the scan ended; an older one is fetched again (the record is as of the answer).
 */
export const FETCH_AHEAD_FRESH_MS = 5_000;
/** At most this many matches fetched ahead per search (each newer match replaces the last). */
export const FETCH_AHEAD_MAX = 3;

type Ahead = {
  id: string;
  askedAt: number;
  answer: Promise<{ order: CheckoutOrder } | { failed: unknown }>;
};

/**
 * The search and its match's order (line items, customer, amounts) in one: as soon as the scan
 * finds a match it retrieves that session, while the scan goes on reading newer time to be sure
 * no newer match exists. When the scan ends with the same match, the order is already there: a
 * search found deep in the range pays no round-trip after its last page. A newer match found
 * later is fetched in its place; a fetch that failed, or was asked too long ago, is made again
 * after the scan, as it would have been without fetching ahead (its error is the step's).
 */
export async function findOrder(
  stripe: Stripe,
  request: FindRequest,
  options: Omit<FindOptions, 'onCandidate'>,
  now: () => number = Date.now,
): Promise<FindOutcome & { order: CheckoutOrder | null }> {
  const account = options.account ?? null;
  const limiter = stepLimiter(stripe).endpoint(RETRIEVE_ENDPOINT);
  const retrieve = async (id: string) => {
    await limiter.take(options.deadline);
    return retrieveCheckoutOrder(stripe, id, account);
  };
  let ahead: Ahead | null = null;
  let fetched = 0;
  const found = await findByClientReference(stripe, request, {
    ...options,
    onCandidate: (session) => {
      if (fetched >= FETCH_AHEAD_MAX) return;
      fetched += 1;
      ahead = {
        id: session.id,
        askedAt: now(),
        answer: retrieve(session.id).then(
          (order) => ({ order }),
          (failed: unknown) => ({ failed }),
        ),
      };
    },
  });
  if (!found.session) return { ...found, order: null };
  const usable = ahead as Ahead | null;
  if (usable && usable.id === found.session.id && now() - usable.askedAt <= FETCH_AHEAD_FRESH_MS) {
    const answer = await usable.answer;
    if ('order' in answer) return { ...found, order: answer.order };
  }
  return { ...found, order: await retrieve(found.session.id) };
}
