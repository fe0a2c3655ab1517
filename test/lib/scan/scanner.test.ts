import { SessionStore, type ListableSession } from '../../../bench/fake-session-list';
import { createRateLimiter } from '../../../lib/rate-limit';
import { scanByWindows, type ListParams } from '../../../lib/scan/scanner';
import {
  completeBackTo,
  makeWindow,
  markSent,
  nextWindow,
  recordPage,
  type ScanWindow,
} from '../../../lib/scan/windows';

type S = ListableSession & { ref: string };
const NOW = 1_790_000_000;
const DAY = 86_400;

function sessions(count: number, from: number, to: number, seed = 1): S[] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({
    id: `cs_test_${String(i).padStart(8, '0')}`,
    created: Math.floor(from + rand() * (to - from)),
    ref: `order-${i}`,
  }));
}

type FakeOptions = { latencyMs?: number; failShare?: number };

function fakeList(store: SessionStore<S>, options: FakeOptions = {}) {
  const log: ListParams[] = [];
  let x = 7;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const fetchPage = async (params: ListParams) => {
    log.push(params);
    await new Promise((r) => setTimeout(r, options.latencyMs ?? 1));
    if (options.failShare && rand() < options.failShare) {
      throw Object.assign(new Error('Too many requests'), {
        type: 'StripeRateLimitError',
        statusCode: 429,
      });
    }
    return store.list({
      'created[gte]': String(params.created.gte),
      'created[lt]': String(params.created.lt),
      limit: String(params.limit),
      starting_after: params.starting_after,
    });
  };
  return { fetchPage, log };
}

function scan(
  store: SessionStore<S>,
  wanted: string | null,
  options: FakeOptions & { from?: number; budgetMs?: number; rate?: number } = {},
) {
  const seen: string[] = [];
  let newest: S | null = null;
  const { fetchPage, log } = fakeList(store, options);
  const result = scanByWindows<S>({
    fetchPage,
    from: options.from ?? NOW - 180 * DAY,
    to: NOW,
    onItems(items) {
      for (const s of items) {
        seen.push(s.id);
        if (s.ref === wanted && (!newest || s.created > newest.created)) newest = s;
      }
      return newest?.created ?? null;
    },
    deadline: Date.now() + (options.budgetMs ?? 20_000),
    limiter: createRateLimiter(options.rate ?? 10_000, 50),
    ratePerSecond: options.rate ?? 10_000,
    isRetryable: (err) => (err as { type?: string }).type === 'StripeRateLimitError',
    maxInFlight: 8,
    retryPauseMs: 5,
  });
  return result.then((r) => ({ ...r, seen, log, match: newest as S | null }));
}

describe('scanByWindows', () => {
  it('a full scan sees every session exactly once, however windows are split', async () => {
    // Clustered: most sessions in the last week, a few spread over half a year.
    const all = [
      ...sessions(3000, NOW - 7 * DAY, NOW, 1),
      ...sessions(500, NOW - 180 * DAY, NOW - 7 * DAY, 2).map((s) => ({ ...s, id: `${s.id}b` })),
    ];
    const out = await scan(new SessionStore(all), null);
    expect(out.complete).toBe(true);
    expect(out.seen).toHaveLength(all.length);
    expect(new Set(out.seen).size).toBe(all.length);
    expect(out.scanned).toBe(all.length);
    expect(out.completeFrom).toBe(NOW - 180 * DAY);
  });

  it('finds a match on the first page and stops: only the newest windows are read', async () => {
    const all = sessions(5000, NOW - 180 * DAY, NOW);
    const newestSession = [...all].sort((a, b) => b.created - a.created)[0];
    newestSession.ref = 'order-wanted';
    const out = await scan(new SessionStore(all), 'order-wanted');
    expect(out.match?.id).toBe(newestSession.id);
    expect(out.complete).toBe(true);
    expect(out.requests).toBeLessThan(20); // a full scan takes 50+ pages
  });

  it('finds a match on a late page of a dense window', async () => {
    const all = sessions(4000, NOW - DAY, NOW);
    const oldest = [...all].sort((a, b) => a.created - b.created)[3];
    oldest.ref = 'order-late';
    const out = await scan(new SessionStore(all), 'order-late', { from: NOW - DAY });
    expect(out.match?.id).toBe(oldest.id);
    expect(out.seen.length).toBeGreaterThanOrEqual(3990);
  });

  it('finds a match in an older window while the newer windows are empty', async () => {
    const all = sessions(300, NOW - 180 * DAY, NOW - 170 * DAY);
    all[42].ref = 'order-old';
    const out = await scan(new SessionStore(all), 'order-old');
    expect(out.match?.id).toBe(all[42].id);
    expect(out.complete).toBe(true);
    // The first page over the whole range lands on them: no request per empty stretch.
    expect(out.requests).toBeLessThanOrEqual(6);
  });

  it('spends the requests on the time newer than the match: few pages beyond it', async () => {
    // 20,000 sessions, the match 3,000 deep: 30 pages are needed.
    const all = sessions(20_000, NOW - 180 * DAY, NOW, 3);
    const byAge = [...all].sort((a, b) => b.created - a.created);
    byAge[3000].ref = 'order-deep';
    const out = await scan(new SessionStore(all), 'order-deep', { latencyMs: 20 });
    expect(out.match?.id).toBe(byAge[3000].id);
    expect(out.complete).toBe(true);
    // 31 pages at least; Poisson-random times make some pieces overflow into a second request.
    expect(out.requests).toBeLessThan(52);
    const olderThanMatch = out.log.filter((p) => p.created.lt <= byAge[3000].created).length;
    expect(olderThanMatch).toBeLessThanOrEqual(10);
  });

  it('never sends more than its rate in any one second', async () => {
    const all = sessions(6000, NOW - 30 * DAY, NOW, 4);
    const store = new SessionStore(all);
    const { fetchPage } = fakeList(store, { latencyMs: 30 });
    const sent: number[] = [];
    const out = await scanByWindows<S>({
      fetchPage: (params) => {
        sent.push(Date.now());
        return fetchPage(params);
      },
      from: NOW - 30 * DAY,
      to: NOW,
      onItems: () => null,
      deadline: Date.now() + 10_000,
      limiter: createRateLimiter(1000, 1000),
      ratePerSecond: 20,
      isRetryable: () => false,
    });
    expect(out.complete).toBe(true);
    // Paced on admission; a request reaches fetchPage a millisecond or two later.
    const busiestSecond = Math.max(
      ...sent.map((t) => sent.filter((u) => u >= t && u < t + 990).length),
    );
    expect(busiestSecond).toBeLessThanOrEqual(20);
    expect(out.elapsedMs).toBeGreaterThan(((out.requests - 20) / 20) * 1000);
  });

  it('returns the newest match when several sessions share the id', async () => {
    const all = sessions(3000, NOW - 180 * DAY, NOW);
    const byAge = [...all].sort((a, b) => a.created - b.created);
    for (const i of [10, 1500, 2100]) byAge[i].ref = 'order-dup';
    const out = await scan(new SessionStore(all), 'order-dup');
    expect(out.match?.id).toBe(byAge[2100].id);
  });

  it('stops at the deadline and says how far back it is complete', async () => {
    const all = sessions(20_000, NOW - 180 * DAY, NOW);
    const out = await scan(new SessionStore(all), 'nothing-matches', {
      latencyMs: 30,
      rate: 40,
      budgetMs: 600,
    });
    expect(out.complete).toBe(false);
    expect(out.scanned).toBeLessThan(20_000);
    expect(out.completeFrom).toBeGreaterThan(NOW - 180 * DAY);
    expect(out.completeFrom).toBeLessThanOrEqual(NOW);
  });

  it('retries pages answered with 429 and still sees everything once', async () => {
    const all = sessions(2000, NOW - 30 * DAY, NOW);
    const out = await scan(new SessionStore(all), null, { failShare: 0.25, from: NOW - 30 * DAY });
    expect(out.complete).toBe(true);
    expect(out.retried).toBeGreaterThan(0);
    expect(new Set(out.seen).size).toBe(2000);
    expect(out.seen).toHaveLength(2000);
  });

  it('passes a non-retryable error on', async () => {
    const failing = scanByWindows<S>({
      fetchPage: () =>
        Promise.reject(
          Object.assign(new Error('Invalid API Key'), { type: 'StripeAuthenticationError' }),
        ),
      from: NOW - DAY,
      to: NOW,
      onItems: () => null,
      deadline: Date.now() + 5000,
      limiter: createRateLimiter(100),
      ratePerSecond: 100,
      isRetryable: () => false,
    });
    await expect(failing).rejects.toThrow('Invalid API Key');
  });
});

describe('windows', () => {
  const PAGE = 100;

  it('the first page is asked alone: with no density known, nothing is split off', () => {
    const windows = [makeWindow(0, 100_000)];
    const first = nextWindow(windows, -Infinity, PAGE)!;
    markSent(first, windows, -Infinity, PAGE);
    expect(nextWindow(windows, -Infinity, PAGE)).toBeNull();
  });

  it('while a page is out, the time below its expected end is split off, newest first', () => {
    const windows = [makeWindow(0, 100_000)];
    const w = windows[0];
    // The first page: 100 items in the newest 1,000 s (0.1 a second).
    recordPage(w, page(100, 100_000, 99_000, true), { lo: 0, top: 100_000 }, -Infinity);
    expect(w.measured).toEqual({ items: 100, seconds: 1000 });
    expect(nextWindow(windows, -Infinity, PAGE)).toBe(w); // its cursor chain goes on first
    markSent(w, windows, -Infinity, PAGE);
    const a = nextWindow(windows, -Infinity, PAGE)!;
    // 95% of a page's time below the cursor is split off; the chain keeps the top.
    const pageTime = 0.95 * 1000;
    expect([a.lo, a.hi]).toEqual([0, w.last! - pageTime]);
    expect(w.lo).toBe(a.hi);
    markSent(a, windows, -Infinity, PAGE);
    const b = nextWindow(windows, -Infinity, PAGE)!;
    expect([b.lo, b.hi]).toEqual([0, a.hi - pageTime]); // the next page's worth, older still
    expect(a.lo).toBe(b.hi);
  });

  it('an idle window with a cursor goes before splitting older time', () => {
    const windows = [measuredAt(makeWindow(0, 1000), 1), makeWindow(1000, 2000)];
    windows[1].last = 1500;
    windows[1].cursor = 'cs_1';
    markSent(windows[0], windows, -Infinity, PAGE);
    expect(nextWindow(windows, -Infinity, PAGE)).toBe(windows[1]);
  });

  it('a busy window holding no more than its page is not split', () => {
    const windows = [measuredAt(makeWindow(0, 1000), 0.09)]; // 90 items expected
    markSent(windows[0], windows, -Infinity, PAGE);
    expect(nextWindow(windows, -Infinity, PAGE)).toBeNull();
  });

  it('a page that reaches below a split keeps only its own part and ends the window', () => {
    const w = makeWindow(0, 1000);
    w.lo = 500; // split while the request was out
    const kept = recordPage(w, page(100, 1000, 0, true), { lo: 0, top: 1000 }, -Infinity);
    expect(kept.every((x) => x.created >= 500)).toBe(true);
    expect(w.done).toBe(true);
  });

  it('report coverage up to the first unfinished window', () => {
    const w = [makeWindow(75, 100), makeWindow(50, 75), makeWindow(25, 50), makeWindow(0, 25)];
    w[0].done = true;
    w[1].last = 60;
    expect(completeBackTo(w, 100, 0)).toBe(60);
    w[1].done = true;
    expect(completeBackTo(w, 100, 0)).toBe(50);
  });
});

function measuredAt(w: ScanWindow, itemsPerSecond: number): ScanWindow {
  w.measured = { items: itemsPerSecond * 100, seconds: 100 };
  return w;
}

/** A newest-first page of `count` items evenly from `top` down to `bottom`. */
function page(count: number, top: number, bottom: number, hasMore: boolean) {
  const data = Array.from({ length: count }, (_, i) => ({
    id: `cs_${top}_${i}`,
    created: Math.round(top - 1 - ((top - 1 - bottom) * i) / Math.max(1, count - 1)),
  }));
  return { data, has_more: hasMore };
}
