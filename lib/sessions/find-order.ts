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
 * The search and its match's order (line items, customer, amounts) in one: once the scan has a
 * match, the session is retrieved while the scan goes on reading newer time to be sure no newer
 * match exists. When the scan ends with the same match, the order is already there: a search
 * found deep in the range pays no round-trip after its last page.
 *
 * A fetch ahead goes only when the rate allows it at once (with a test key the scan's pages use
 * the account's 25/s: then it waits for a page with room to spare, or for the scan's end). A newer
 * match is fetched in its place; a fetch that failed, or was asked too long ago, is made again
 * after the scan, as it was before fetching ahead (one call, in the room the scan's pace leaves;
 * its error is the step's).
 */
export async function findOrder(
  stripe: Stripe,
  request: FindRequest,
  options: Omit<FindOptions, 'onCandidate'>,
  now: () => number = Date.now,
): Promise<FindOutcome & { order: CheckoutOrder | null }> {
  const account = options.account ?? null;
  const limiter = stepLimiter(stripe).endpoint(RETRIEVE_ENDPOINT);
  let ahead: Ahead | null = null;
  let fetched = 0;
  const found = await findByClientReference(stripe, request, {
    ...options,
    onCandidate: (session) => {
      if (ahead?.id === session.id || fetched >= FETCH_AHEAD_MAX || !limiter.tryTake()) return;
      fetched += 1;
      ahead = {
        id: session.id,
        askedAt: now(),
        answer: retrieveCheckoutOrder(stripe, session.id, account).then(
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
  return { ...found, order: await retrieveCheckoutOrder(stripe, found.session.id, account) };
}
