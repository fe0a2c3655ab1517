import nock from 'nock';
import { SessionStore } from '../bench/fake-session-list';
import session from './fixtures/foundation/checkout_session.json';
import { STRIPE_API } from './helpers';

export const DAY = 86_400;
export const LINKS = ['plink_1QxSpringSale', 'plink_1QxOtherLink00'] as const;

export type AccountSession = Omit<typeof session, 'line_items'> & {
  id: string;
  created: number;
  client_reference_id: string | null;
  payment_link: string | null;
  status: string;
  payment_status: string;
};

/**
 * A seeded account of `count` sessions over `spanDays` before `now`, at random times (so many
 * share a second), with a flash sale: `crowd` sessions in the second `crowdAt`. Every fifth is
 * expired (unpaid); the links alternate.
 */
export function sessionAccount(
  count: number,
  spanDays: number,
  now: number,
  { crowd = 0, crowdAt = now - DAY, seed = 1 } = {},
): AccountSession[] {
  const { line_items: _items, ...base } = session;
  void _items;
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `cs_test_a${String(i).padStart(10, '0')}`,
    created: i < crowd ? crowdAt : now - 1 - Math.floor(rand() * spanDays * DAY),
    client_reference_id: `order-${i}`,
    payment_link: LINKS[i % 2],
    status: i % 5 === 4 ? 'expired' : 'complete',
    payment_status: i % 5 === 4 ? 'unpaid' : 'paid',
  }));
}

/**
 * Stripe's list endpoint over these sessions through the strict store (a request Stripe refuses is
 * its 400); records each query.
 */
export function serveSessionList<T extends AccountSession | { id: string; created: number }>(
  sessions: T[],
  queries: Record<string, string>[] = [],
): { store: SessionStore<T>; queries: Record<string, string>[] } {
  const store = new SessionStore(sessions);
  nock(STRIPE_API)
    .persist()
    .get('/v1/checkout/sessions')
    .query(true)
    .reply((uri) => {
      const query = Object.fromEntries(new URL(uri, STRIPE_API).searchParams);
      queries.push(query);
      const { status, body } = store.answer(query);
      return [status, body];
    });
  return { store, queries };
}

/** Whether every `created` filter in these queries is a whole number, as Stripe requires. */
export function integerFilters(queries: Record<string, string>[]): boolean {
  return queries.every((q) =>
    Object.entries(q).every(([k, v]) => !k.startsWith('created') || /^-?\d+$/.test(v)),
  );
}
