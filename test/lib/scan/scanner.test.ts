import { SessionStore, type ListableSession } from '../../../bench/fake-session-list';
import { createRateLimiter } from '../../../lib/rate-limit';
import { scanByWindows, type ListParams } from '../../../lib/scan/scanner';
import { completeBackTo, nextWindow, splitRange } from '../../../lib/scan/windows';

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
    // The empty newer windows were each asked once and found empty.
    expect(out.log.some((p) => p.created.gte > NOW - 30 * DAY)).toBe(true);
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
  it('split a range into equal windows, newest first, covering it exactly', () => {
    const w = splitRange(0, 100, 4);
    expect(w.map((x) => [x.lo, x.hi])).toEqual([
      [75, 100],
      [50, 75],
      [25, 50],
      [0, 25],
    ]);
  });

  it('split the busy window with the most left when no window is idle', () => {
    const w = splitRange(0, 100, 2);
    w[0].busy = true;
    w[0].last = 90;
    w[0].seen = 100; // dense: 100 items in 10 s
    w[1].busy = true;
    const extra = nextWindow(w, -Infinity, 1);
    expect(extra).toMatchObject({ lo: 50, hi: 70 });
    expect(w[0].lo).toBe(70);
  });

  it('report coverage up to the first unfinished window', () => {
    const w = splitRange(0, 100, 4);
    w[0].done = true;
    w[1].last = 60;
    expect(completeBackTo(w, 100, 0)).toBe(60);
    w[1].done = true;
    expect(completeBackTo(w, 100, 0)).toBe(50);
  });
});
