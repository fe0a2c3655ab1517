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

type FakeOptions = { latencyMs?: number; jitterMs?: number; failShare?: number; seed?: number };

/** Stripe's list over the store (strict: a fractional filter is its 400), with latency. */
function fakeList(store: SessionStore<S>, options: FakeOptions = {}) {
  const log: ListParams[] = [];
  let x = options.seed ?? 7;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const fetchPage = async (params: ListParams) => {
    log.push(params);
    const latency = (options.latencyMs ?? 1) + rand() * (options.jitterMs ?? 0);
    await new Promise((r) => setTimeout(r, latency));
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

describe('scanByWindows on whole seconds (Stripe filters `created` by integers)', () => {
  type Scenario = { all: S[]; from: number; to: number; wanted: string | null; seed: number };

  /** Seeded random accounts: spread, crowded seconds (some over a page), bursts, odd ranges. */
  function scenario(seed: number): Scenario {
    let x = seed * 7919 + 1;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const span = [60, 3_600, DAY, 30 * DAY][seed % 4] * (0.5 + rand());
    const lo = NOW - span;
    const all: S[] = [];
    const add = (created: number) =>
      all.push({ id: `cs_test_${seed}_${all.length}`, created, ref: `order-${all.length}` });
    // Spread over the range.
    for (let i = int(0, 1500); i > 0; i -= 1) add(Math.floor(lo + rand() * span));
    // A few crowded seconds, each from a handful to more than a page.
    for (let k = int(1, 6); k > 0; k -= 1) {
      const second = Math.floor(lo + rand() * span);
      for (let i = [int(2, 20), int(90, 110), int(150, 350)][k % 3]; i > 0; i -= 1) add(second);
    }
    // Every second of a stretch taken, so every split inside it falls on sessions.
    const stretch = Math.floor(lo + rand() * span * 0.8);
    for (let t = stretch; t < stretch + int(0, 400); t += 1)
      for (let i = int(1, 4); i > 0; i -= 1) add(t);
    const wanted = seed % 3 === 0 ? all[int(0, all.length - 1)].ref : null;
    // Fractional ends: the scan widens them to whole seconds.
    return { all, from: lo + (seed % 2 ? 0.37 : 0), to: NOW + (seed % 5 ? 0.6 : 0), wanted, seed };
  }

  async function run({ all, from, to, wanted, seed }: Scenario) {
    const { fetchPage, log } = fakeList(new SessionStore(all), { latencyMs: 0, jitterMs: 4, seed });
    const seen: S[] = [];
    let match: S | null = null;
    const result = await scanByWindows<S>({
      fetchPage,
      from,
      to,
      onItems(items) {
        seen.push(...items);
        for (const s of items)
          if (s.ref === wanted && (!match || s.created > match.created)) match = s;
        return match ? match.created : null;
      },
      deadline: Date.now() + 20_000,
      limiter: createRateLimiter(10_000, 50),
      ratePerSecond: 10_000,
      isRetryable: () => false,
      maxInFlight: 8 + (seed % 3) * 8,
      retryPauseMs: 5,
    });
    return { result, seen, log, match: match as S | null };
  }

  it('every filter sent is an integer, and the windows see every session in range exactly once', async () => {
    let splitSecondsWithSessions = 0;
    let crowdedSecondsPaged = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const sc = scenario(seed);
      const { result, seen, log, match } = await run(sc);
      const lo = Math.floor(sc.from);
      const hi = Math.ceil(sc.to);
      expect(result.complete).toBe(true);
      for (const p of log) {
        expect([seed, Number.isInteger(p.created.gte), Number.isInteger(p.created.lt)]).toEqual([
          seed,
          true,
          true,
        ]);
        expect(p.created.lt - p.created.gte).toBeGreaterThanOrEqual(1);
      }
      const ids = seen.map((s) => s.id);
      expect([seed, new Set(ids).size]).toEqual([seed, ids.length]); // none twice
      const inRange = sc.all.filter((s) => s.created >= lo && s.created < hi);
      // With a match, everything at or newer than it is seen; without, everything is.
      const wantedAt = sc.wanted
        ? Math.max(...inRange.filter((s) => s.ref === sc.wanted).map((s) => s.created))
        : null;
      const needed = inRange.filter((s) => wantedAt === null || s.created >= wantedAt);
      const seenIds = new Set(ids);
      expect([seed, needed.filter((s) => !seenIds.has(s.id)).length]).toEqual([seed, 0]);
      if (wantedAt === null) expect([seed, ids.length]).toEqual([seed, inRange.length]);
      else expect(match?.created).toBe(wantedAt);
      // The situations the property is about did happen.
      const bounds = new Set(log.map((p) => p.created.gte));
      splitSecondsWithSessions += inRange.filter((s) => bounds.has(s.created)).length;
      crowdedSecondsPaged += log.filter(
        (p) => p.created.lt - p.created.gte === 1 && p.starting_after,
      ).length;
    }
    expect(splitSecondsWithSessions).toBeGreaterThan(100);
    expect(crowdedSecondsPaged).toBeGreaterThan(0);
  });

  it('a second holding more than a page is read by cursor, never split', async () => {
    const crowded = Array.from({ length: 350 }, (_, i) => ({
      id: `cs_test_crowd${String(i).padStart(4, '0')}`,
      created: NOW - 100,
      ref: `crowd-${i}`,
    }));
    const all = [...sessions(2000, NOW - 3 * DAY, NOW, 9), ...crowded];
    const out = await scan(new SessionStore(all), null, { from: NOW - 3 * DAY });
    expect(out.complete).toBe(true);
    expect(new Set(out.seen).size).toBe(all.length);
    expect(out.seen).toHaveLength(all.length);
    // Every request is in whole seconds; the crowded second is paged by cursor.
    expect(
      out.log.every((p) => Number.isInteger(p.created.gte) && Number.isInteger(p.created.lt)),
    ).toBe(true);
    const crowdPages = out.log.filter(
      (p) => p.created.gte <= NOW - 100 && p.created.lt > NOW - 100 && p.starting_after,
    );
    expect(crowdPages.length).toBeGreaterThanOrEqual(3);
  });

  it('widens fractional ends and floors to whole seconds, losing no session on the edge seconds', async () => {
    const all = [
      { id: 'cs_test_top', created: NOW, ref: 'top' },
      { id: 'cs_test_bottom', created: NOW - DAY, ref: 'bottom' },
      ...sessions(500, NOW - DAY, NOW, 5),
    ];
    const { fetchPage, log } = fakeList(new SessionStore(all));
    const seen: string[] = [];
    const out = await scanByWindows<S>({
      fetchPage,
      from: NOW - DAY + 0.5,
      to: NOW + 0.25,
      onItems(items) {
        seen.push(...items.map((s) => s.id));
        return null;
      },
      deadline: Date.now() + 5000,
      limiter: createRateLimiter(10_000, 50),
      ratePerSecond: 10_000,
      isRetryable: () => false,
    });
    expect(log[0].created).toEqual({ gte: NOW - DAY, lt: NOW + 1 });
    expect(seen).toEqual(expect.arrayContaining(['cs_test_top', 'cs_test_bottom']));
    expect(seen).toHaveLength(all.length);
    expect(out.completeFrom).toBe(NOW - DAY);
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

  it('splits on whole seconds: a dense window splits below the second its chain is reading', () => {
    // 1,000 items a second: a page is a tenth of a second, but a split is a whole one.
    const windows = [measuredAt(makeWindow(0, 1000), 1000)];
    markSent(windows[0], windows, -Infinity, PAGE);
    expect(windows[0].reach).toBe(1000);
    const piece = nextWindow(windows, -Infinity, PAGE)!;
    expect([piece.lo, piece.hi, windows[0].lo]).toEqual([0, 999, 999]);
    // A chain with a cursor in second 500 keeps that second; the split is at its start.
    const w = measuredAt(makeWindow(0, 1000), 1000);
    Object.assign(w, { last: 500, cursor: 'cs_500' });
    const ws = [w];
    markSent(w, ws, -Infinity, PAGE);
    expect([nextWindow(ws, -Infinity, PAGE)!.hi, w.lo]).toEqual([500, 500]);
  });

  it('a one-second window is never split, however many items it holds', () => {
    const windows = [measuredAt(makeWindow(500, 501), 5000)];
    markSent(windows[0], windows, -Infinity, PAGE);
    expect(nextWindow(windows, -Infinity, PAGE)).toBeNull();
    Object.assign(windows[0], { last: 500, cursor: 'cs_1', busy: false });
    expect(nextWindow(windows, -Infinity, PAGE)).toBe(windows[0]); // its cursor chain goes on
  });

  it('a split of sparse time is rounded up to a whole second', () => {
    const windows = [measuredAt(makeWindow(0, 100_000), 0.03)];
    markSent(windows[0], windows, -Infinity, PAGE);
    const piece = nextWindow(windows, -Infinity, PAGE)!;
    expect(piece.hi).toBe(Math.ceil(100_000 - 95 / 0.03));
    expect(Number.isInteger(windows[0].reach)).toBe(true);
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

describe('scanByWindows once the match is known', () => {
  it('reads what is left above the match one page per window: no chain of round-trips at the end', async () => {
    // 30,000 sessions; the other list found the match 15,000 deep (a shared floor): the 150 pages
    // above it are all needed, and deep into a scan windows would otherwise hold chains of pages.
    const all: S[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: `cs_test_${String(i).padStart(8, '0')}`,
      created: NOW - 1 - Math.floor(((i + 0.5) / 30_000) * 180 * DAY),
      ref: `order-${i}`,
    }));
    const floor = all[15_000].created;
    const { fetchPage, log } = fakeList(new SessionStore(all), { latencyMs: 5 });
    const out = await scanByWindows<S>({
      fetchPage,
      from: NOW - 180 * DAY,
      to: NOW,
      onItems: () => null,
      sharedFloor: () => floor,
      deadline: Date.now() + 20_000,
      limiter: createRateLimiter(10_000, 50),
      ratePerSecond: 10_000,
      isRetryable: () => false,
      maxInFlight: 8,
    });
    expect(out.complete).toBe(true);
    expect(out.requests).toBeGreaterThan(150);
    // A page asked by cursor continues a chain: only where a window's estimate fell short.
    const continued = log.filter((p) => p.starting_after !== undefined).length;
    expect(continued / log.length).toBeLessThan(0.1);
  });
});
