/**
 * Stripe's checkout session list, as far as the scanner relies on it: newest first, `created`
 * gte/gt/lt/lte filters, `payment_link` and `status` filters, `starting_after` cursor, `limit`.
 * Shared by the benchmark's loopback server and the scanner's tests.
 */
export type ListableSession = {
  id: string;
  created: number;
  payment_link?: string | null;
  status?: string | null;
};

export type ListQuery = Record<string, string | undefined>;

export class SessionStore<T extends ListableSession> {
  private readonly sorted: T[];
  private readonly index = new Map<string, number>();

  constructor(sessions: T[]) {
    // Newest first; ties by id descending, as a stable cursor order.
    this.sorted = [...sessions].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    this.sorted.forEach((s, i) => this.index.set(s.id, i));
  }

  get size(): number {
    return this.sorted.length;
  }

  list(query: ListQuery): { object: 'list'; data: T[]; has_more: boolean; url: string } {
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? 10)));
    const num = (k: string) => (query[k] === undefined ? undefined : Number(query[k]));
    const gte =
      num('created[gte]') ??
      (num('created[gt]') !== undefined ? num('created[gt]')! + 1 : -Infinity);
    const lt =
      num('created[lt]') ??
      (num('created[lte]') !== undefined ? num('created[lte]')! + 1 : Infinity);
    let i = 0;
    if (query.starting_after) {
      const at = this.index.get(query.starting_after);
      if (at === undefined) throw new Error(`No such checkout session: '${query.starting_after}'`);
      i = at + 1;
    } else {
      // Binary search for the first session with created < lt.
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sorted[mid].created >= lt) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    const data: T[] = [];
    for (; i < this.sorted.length; i += 1) {
      const s = this.sorted[i];
      if (s.created >= lt) continue;
      if (s.created < gte) break;
      if (query.payment_link && s.payment_link !== query.payment_link) continue;
      if (query.status && s.status !== query.status) continue;
      if (data.length === limit)
        return { object: 'list', data, has_more: true, url: '/v1/checkout/sessions' };
      data.push(s);
    }
    return { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' };
  }
}
