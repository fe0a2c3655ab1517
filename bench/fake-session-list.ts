/**
 * Stripe's checkout session list, as far as the scanner relies on it: newest first, `created`
 * filters, the one-field filters (`payment_link`, `status`, `customer_details[email]`, …), both
 * cursors, `limit`. It refuses what Stripe refuses for this endpoint (`checkListQuery`),
 * answering Stripe's 400. Shared by the benchmark's loopback server and the scanner's tests.
 * `completedSessionEvents` makes the same store serve `GET /v1/events` (type
 * `checkout.session.completed`, by the time each session completed).
 */
export type ListableSession = {
  id: string;
  created: number;
  payment_link?: string | null;
  status?: string | null;
  customer_details?: { email?: string | null } | null;
};

export const SESSION_LIST_PATH = '/v1/checkout/sessions';
export const EVENT_LIST_PATH = '/v1/events';

import { checkStripeParams } from '../test/doubles/stripe/check';

export type ListQuery = Record<string, string | undefined>;

export type StripeErrorBody = {
  error: { type: 'invalid_request_error'; code?: string; param?: string; message: string };
};

/** Stripe's answer to a request it refuses, thrown by `SessionStore.list`. */
export class StripeRefusal extends Error {
  readonly type = 'StripeInvalidRequestError';
  constructor(
    readonly statusCode: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.error.message);
  }
}

/**
 * What Stripe refuses on `GET /v1/checkout/sessions`, or null: the strict Stripe double's rules
 * (test/doubles/stripe, derived from the SDK's types), the same ones every test's nock answer and
 * the bench's loopback server go through.
 */
export function checkListQuery(
  query: ListQuery,
  path: string = SESSION_LIST_PATH,
): StripeErrorBody | null {
  const sent = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined);
  const refusal = checkStripeParams('GET', path, new URLSearchParams(sent).toString());
  return refusal ? (refusal.body as StripeErrorBody) : null;
}

/** The declared filters that select sessions by one field's value. */
const EQUALITY_FILTERS = [
  'customer',
  'customer_account',
  'payment_intent',
  'payment_link',
  'status',
  'subscription',
];

type ListAnswer<T> = { object: 'list'; data: T[]; has_more: boolean; url: string };

/** What a listed object carries for the email filter (a session's, or an event's session's). */
function emailOf(item: ListableSession): string | null | undefined {
  return item.customer_details?.email;
}

export class SessionStore<T extends ListableSession> {
  private readonly sorted: T[];
  private readonly index = new Map<string, number>();

  constructor(
    sessions: T[],
    private readonly path: string = SESSION_LIST_PATH,
  ) {
    // Newest first; ties by id descending, as a stable cursor order.
    this.sorted = [...sessions].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    this.sorted.forEach((s, i) => this.index.set(s.id, i));
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The sessions, newest first (for a direct count to compare a scan with). */
  all(): readonly T[] {
    return this.sorted;
  }

  /** The HTTP answer: 200 with the page, or Stripe's refusal. */
  answer(query: ListQuery): { status: number; body: ListAnswer<T> | StripeErrorBody } {
    try {
      return { status: 200, body: this.list(query) };
    } catch (err) {
      if (err instanceof StripeRefusal) return { status: err.statusCode, body: err.body };
      throw err;
    }
  }

  /** One page, or throws Stripe's refusal (`StripeRefusal`). */
  list(query: ListQuery): ListAnswer<T> {
    const refused = checkListQuery(query, this.path);
    if (refused) throw new StripeRefusal(400, refused);
    const limit = Number(query.limit ?? 10);
    const num = (k: string) => (query[k] === undefined ? undefined : Number(query[k]));
    const exact = num('created');
    const gte = Math.max(
      num('created[gte]') ?? -Infinity,
      (num('created[gt]') ?? -Infinity) + 1,
      exact ?? -Infinity,
    );
    const lt = Math.min(
      num('created[lt]') ?? Infinity,
      (num('created[lte]') ?? Infinity) + 1,
      exact === undefined ? Infinity : exact + 1,
    );
    const filters = EQUALITY_FILTERS.filter((k) => query[k] !== undefined);
    const email = query['customer_details[email]'];
    const matches = (s: T) =>
      s.created >= gte &&
      s.created < lt &&
      filters.every((k) => (s as Record<string, unknown>)[k] === query[k]) &&
      (email === undefined || emailOf(s) === email);
    const cursor = query.starting_after ?? query.ending_before;
    let at: number | undefined;
    if (cursor !== undefined) {
      at = this.index.get(cursor);
      if (at === undefined)
        throw new StripeRefusal(404, {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            param: query.starting_after !== undefined ? 'starting_after' : 'ending_before',
            message: `No such ${this.path === EVENT_LIST_PATH ? 'event' : 'checkout.session'}: '${cursor}'`,
          },
        });
    }
    const page = (data: T[], has_more: boolean): ListAnswer<T> => ({
      object: 'list',
      data,
      has_more,
      url: this.path,
    });
    if (query.ending_before !== undefined) {
      // The page just newer than the cursor, still newest first.
      const data: T[] = [];
      for (let i = at! - 1; i >= 0 && this.sorted[i].created < lt; i -= 1) {
        if (!matches(this.sorted[i])) continue;
        if (data.length === limit) return page(data.reverse(), true);
        data.push(this.sorted[i]);
      }
      return page(data.reverse(), false);
    }
    const data: T[] = [];
    for (let i = at === undefined ? this.firstBelow(lt) : at + 1; i < this.sorted.length; i += 1) {
      const s = this.sorted[i];
      if (s.created < gte) break;
      if (!matches(s)) continue;
      if (data.length === limit) return page(data, true);
      data.push(s);
    }
    return page(data, false);
  }

  /** The index of the first (newest) session created before `lt`. */
  private firstBelow(lt: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].created >= lt) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export type SessionEvent<T> = {
  id: string;
  object: 'event';
  type: 'checkout.session.completed';
  created: number;
  account?: string;
  data: { object: T };
};

/**
 * `checkout.session.completed` events for the completed sessions, stamped when each completed
 * (`completedAt`, never before `created`), kept `keptSeconds` before `now` as Stripe keeps 30 days.
 */
export function completedSessionEvents<T extends ListableSession>(
  sessions: T[],
  options: { now: number; keptSeconds: number; completedAt(s: T): number; account?: string },
): SessionStore<SessionEvent<T>> {
  const events = sessions
    .filter((s) => s.status === 'complete')
    .map((s) => ({
      id: `evt_${s.id}`,
      object: 'event' as const,
      type: 'checkout.session.completed' as const,
      created: Math.max(s.created, options.completedAt(s)),
      ...(options.account ? { account: options.account } : {}),
      data: { object: s },
    }))
    .filter((e) => e.created >= options.now - options.keptSeconds);
  return new SessionStore(events, EVENT_LIST_PATH);
}
