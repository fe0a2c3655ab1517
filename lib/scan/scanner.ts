import { createSlidingWindowLimiter, type RateLimiter } from '../rate-limit';
import { PAGE_RETRY, retryPauseMs } from '../retry';
import {
  applyFloor,
  chunkPages,
  completeBackTo,
  makeWindow,
  markSent,
  nextWindow,
  readRanges,
  recordPage,
  remainingTop,
  type ScanWindow,
} from './windows';

export type ListParams = {
  created: { gte: number; lt: number };
  limit: number;
  starting_after?: string;
};
export type ListPage<T> = { data: T[]; has_more: boolean };
export type Scanned = { id: string; created: number };

export interface ScanOptions<T extends Scanned> {
  /** One list request (Stripe's `…list(params)` with the caller's own filters added). */
  fetchPage(params: ListParams): Promise<ListPage<T>>;
  /** Unix seconds: [from, to); fractions widen to whole seconds (Stripe filters by integers). */
  from: number;
  to: number;
  /**
   * Called with each page's items in range; may return a time below which nothing is needed (its
   * whole second is kept).
   */
  onItems(items: T[]): number | null | void;
  /** A floor found elsewhere (another list scanned at once for the same search). */
  sharedFloor?: () => number | null;
  /**
   * More time to scan, asked for whenever the scan has nothing left to ask ([] = nothing now): a
   * scan that shares its range with another list is handed it piece by piece.
   */
  claim?: () => { lo: number; hi: number; yieldTop?: number }[];
  /** The scan's windows, when the caller hands time over between two scans (it may narrow them). */
  windows?: ScanWindow[];
  /** Items per second to plan windows with before the scan has measured any. */
  densityHint?: () => number | null;
  /** ms epoch: no request starts after it, and the scan returns by it. */
  deadline: number;
  /** Shared with the step's other calls; the scanner also keeps to `ratePerSecond` itself. */
  limiter: RateLimiter;
  /** Errors worth retrying after a pause (429, 5xx, dropped connection). */
  isRetryable(err: unknown): boolean;
  maxInFlight?: number;
  pageSize?: number;
  /** The scanner's own pace: at most this many requests in any one second. */
  ratePerSecond: number;
  /** Pause before retrying a page (jittered up to twice as long); by default lib/retry.ts PAGE_RETRY. */
  retryPauseMs?: number;
  now?: () => number;
}

export interface ScanResult {
  complete: boolean;
  scanned: number;
  requests: number;
  retried: number;
  /** [completeFrom, to) was fully scanned (down to the floor, when one was set). */
  completeFrom: number;
  floor: number | null;
  elapsedMs: number;
  /** The time read, disjoint [lo, hi) ranges, newest first (whole range below the floor). */
  read: [number, number][];
  /**
   * Items per second the first page measured at the top of the range (the newest time), for the
   * next search to plan its first requests with (lib/sessions/density.ts); null before it came.
   */
  topDensity?: number | null;
}

/** Consecutive failures of one window's page before the scan gives up. */
export const MAX_PAGE_RETRIES = PAGE_RETRY.maxInARow;

/** How much longer a burst's requests count against our second: their arrival may be late. */
export const BURST_JITTER_MS = 60;

/**
 * At most `rate` requests in any one second. The first second may burst (after the first page, the
 * newest windows are asked at once: nothing of ours is in Stripe's window yet); after it, requests
 * go evenly, two per 2/rate s, so a late timer catches up. A burst repeated a second later would
 * meet any jitter on the way as 429s from a limiter that counts any one-second window, so the
 * burst's requests count a little longer than a second.
 */
export function createScanPacer(rate: number, now: () => number = Date.now) {
  const started = now();
  const second = createSlidingWindowLimiter(rate, 1000, now);
  const even = createSlidingWindowLimiter(2, 2000 / rate, now);
  const bursting = () => now() - started < 1000;
  return {
    waitMs: () => Math.max(second.waitMs(), bursting() ? 0 : even.waitMs()),
    take(): void {
      second.tryTake(bursting() ? 1000 + BURST_JITTER_MS : 1000);
      even.tryTake();
    },
  };
}

/**
 * Scans a newest-first list over a time range at the rate limit: each window of the range is one
 * cursor chain, and while a page is out the time below it is split off and asked for at once,
 * newest unread time first (lib/scan/windows.ts). The scanner paces itself so that no one-second
 * window holds more than `ratePerSecond` requests, on top of the shared `limiter`. A floor
 * returned by `onItems` (the newest match) ends every window below it.
 */
export function scanByWindows<T extends Scanned>(options: ScanOptions<T>): Promise<ScanResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const pageSize = options.pageSize ?? 100;
  const maxInFlight = options.maxInFlight ?? 32;
  const retry = {
    ...PAGE_RETRY,
    ...(options.retryPauseMs
      ? { pauseMs: options.retryPauseMs, jitterMs: options.retryPauseMs }
      : {}),
  };
  const pacer = createScanPacer(options.ratePerSecond, now);
  const from = Math.floor(options.from);
  const to = Math.ceil(options.to);
  const windows: ScanWindow[] = options.windows ?? [];
  const top = makeWindow(from, to);
  windows.push(top);
  let topDensity: number | null = null;
  const hint = () => options.densityHint?.() ?? null;
  /** Adds what the caller hands over; false when it has nothing. */
  const claimMore = () => {
    const more = options.claim?.() ?? [];
    for (const r of more) {
      const w = makeWindow(Math.floor(r.lo), Math.ceil(r.hi));
      w.yieldTop = r.yieldTop ?? w.hi;
      windows.push(w);
    }
    return more.length > 0;
  };
  let floor: number | null = null;
  let inFlight = 0;
  let scanned = 0;
  let requests = 0;
  let retried = 0;
  let finished = false;
  let wake: ReturnType<typeof setTimeout> | null = null;

  return new Promise<ScanResult>((resolve, reject) => {
    const floorValue = () =>
      Math.max(
        floor ?? Number.NEGATIVE_INFINITY,
        options.sharedFloor?.() ?? Number.NEGATIVE_INFINITY,
      );
    const result = (complete: boolean): ScanResult => ({
      complete,
      scanned,
      requests,
      retried,
      completeFrom: completeBackTo(windows, to, Math.max(floorValue(), from)),
      floor: Number.isFinite(floorValue()) ? floorValue() : null,
      elapsedMs: now() - started,
      read: readRanges(windows),
      topDensity,
    });
    const stop = () => {
      finished = true;
      clearTimeout(timer);
      if (wake) clearTimeout(wake);
    };
    const finish = (complete: boolean) => {
      if (finished) return;
      stop();
      resolve(result(complete));
    };
    const fail = (err: unknown) => {
      if (finished) return;
      stop();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const timer = setTimeout(
      () => finish(windows.every((w) => w.done)),
      Math.max(0, options.deadline - now()),
    );

    const pump = () => {
      if (finished) return;
      applyFloor(windows, floorValue());
      while (inFlight < maxInFlight) {
        if (windows.every((w) => w.done) && !claimMore()) return finish(true);
        const wait = pacer.waitMs();
        if (wait > 0) {
          if (!wake && now() + wait < options.deadline)
            wake = setTimeout(() => {
              wake = null;
              pump();
            }, wait);
          return;
        }
        // Once a match is known, every page left above it is needed and nothing is read past it:
        // a chain of pages would only add round-trips at the end, so each window gets one page.
        const pages = Number.isFinite(floorValue()) ? 1 : chunkPages(requests);
        let w = nextWindow(windows, floorValue(), pageSize, pages, hint());
        if (!w && claimMore()) w = nextWindow(windows, floorValue(), pageSize, pages, hint());
        if (!w) return;
        pacer.take();
        markSent(w, windows, floorValue(), pageSize, hint());
        void fetchInto(w);
      }
    };

    const fetchInto = async (w: ScanWindow) => {
      inFlight += 1;
      try {
        if (!(await options.limiter.take(options.deadline)))
          return finish(windows.every((x) => x.done));
        if (finished) return;
        const asked = { lo: Math.max(w.lo, floorValue()), top: remainingTop(w) };
        const params: ListParams = { created: { gte: asked.lo, lt: w.hi }, limit: pageSize };
        if (w.cursor) params.starting_after = w.cursor;
        requests += 1;
        let page: ListPage<T>;
        try {
          page = await options.fetchPage(params);
        } catch (err) {
          w.failures += 1;
          if (!options.isRetryable(err) || w.failures > MAX_PAGE_RETRIES) throw err;
          retried += 1;
          await new Promise((r) => setTimeout(r, retryPauseMs(retry)));
          w.busy = false;
          w.reach = null;
          return;
        }
        w.failures = 0;
        if (finished) return;
        const kept = recordPage(w, page, asked, floorValue());
        if (w === top && topDensity === null && top.measured.seconds > 0)
          topDensity = top.measured.items / top.measured.seconds;
        scanned += kept.length;
        const newFloor = kept.length ? options.onItems(kept) : null;
        if (typeof newFloor === 'number') floor = Math.max(floorValue(), Math.floor(newFloor));
      } catch (err) {
        return fail(err);
      } finally {
        inFlight -= 1;
        pump();
      }
    };

    pump();
  });
}
