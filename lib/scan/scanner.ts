import type { RateLimiter } from '../rate-limit';
import { applyFloor, completeBackTo, nextWindow, splitRange, type ScanWindow } from './windows';

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
  /** Unix seconds: [from, to). */
  from: number;
  to: number;
  /** Called with each page's items in range; may return a time below which nothing is needed. */
  onItems(items: T[]): number | null | void;
  /** ms epoch: no request starts after it, and the scan returns by it. */
  deadline: number;
  limiter: RateLimiter;
  /** Errors worth retrying after a pause (429, 5xx, dropped connection). */
  isRetryable(err: unknown): boolean;
  maxInFlight?: number;
  initialWindows?: number;
  pageSize?: number;
  /** Expected requests per second, to size concurrency with the measured latency. */
  ratePerSecond: number;
  /** Pause before retrying a page (jittered up to twice as long). */
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
}

/** Consecutive failures of one window's page before the scan gives up. */
export const MAX_PAGE_RETRIES = 5;
const RETRY_PAUSE_MS = 400;
/** A busy window is split only when it holds at least this many pages more (by its density). */
export const SPLIT_PAGES = 4;

/**
 * Scans a newest-first list over a time range fast: the range is cut into windows paged
 * concurrently (each window is one cursor chain), busy windows are split when a slot is idle,
 * and concurrency follows the measured latency so the rate limiter, not round-trips, is the
 * bound. A floor returned by `onItems` (the newest match) ends every window below it.
 */
export function scanByWindows<T extends Scanned>(options: ScanOptions<T>): Promise<ScanResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const pageSize = options.pageSize ?? 100;
  const maxInFlight = options.maxInFlight ?? 24;
  const pause = options.retryPauseMs ?? RETRY_PAUSE_MS;
  const windows: ScanWindow[] = splitRange(options.from, options.to, options.initialWindows ?? 8);
  let floor: number | null = null;
  let latencyMs = 400;
  let inFlight = 0;
  let scanned = 0;
  let requests = 0;
  let retried = 0;
  let finished = false;

  return new Promise<ScanResult>((resolve, reject) => {
    const floorValue = () => floor ?? Number.NEGATIVE_INFINITY;
    const result = (complete: boolean): ScanResult => ({
      complete,
      scanned,
      requests,
      retried,
      completeFrom: completeBackTo(windows, options.to, floor ?? options.from),
      floor,
      elapsedMs: now() - started,
    });
    const finish = (complete: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(result(complete));
    };
    const fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const timer = setTimeout(
      () => finish(windows.every((w) => w.done)),
      Math.max(0, options.deadline - now()),
    );

    const targetInFlight = () =>
      Math.max(2, Math.min(maxInFlight, Math.ceil((options.ratePerSecond * latencyMs) / 1000) + 1));
    const averageDensity = () => {
      const covered = options.to - completeBackTo(windows, options.to, options.from);
      return covered > 0 ? scanned / covered : 1;
    };

    const pump = () => {
      if (finished) return;
      applyFloor(windows, floorValue());
      if (windows.every((w) => w.done)) return finish(true);
      while (inFlight < targetInFlight()) {
        const w = nextWindow(windows, floorValue(), averageDensity(), pageSize * SPLIT_PAGES);
        if (!w) break;
        void fetchInto(w);
      }
    };

    const fetchInto = async (w: ScanWindow) => {
      w.busy = true;
      inFlight += 1;
      try {
        if (!(await options.limiter.take(options.deadline)))
          return finish(windows.every((x) => x.done));
        if (finished) return;
        const lo = Math.max(w.lo, floorValue());
        const params: ListParams = { created: { gte: lo, lt: w.hi }, limit: pageSize };
        if (w.cursor) params.starting_after = w.cursor;
        const t0 = now();
        requests += 1;
        let page: ListPage<T>;
        try {
          page = await options.fetchPage(params);
        } catch (err) {
          w.failures += 1;
          if (!options.isRetryable(err) || w.failures > MAX_PAGE_RETRIES) throw err;
          retried += 1;
          await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
          return;
        }
        w.failures = 0;
        latencyMs = latencyMs * 0.8 + (now() - t0) * 0.2;
        if (finished) return;
        // The window may have been split or floored while the request was out: keep only its part.
        const keepFrom = Math.max(w.lo, floorValue());
        const kept = page.data.filter((item) => item.created >= keepFrom && item.created < w.hi);
        const below = page.data.some((item) => item.created < keepFrom);
        scanned += kept.length;
        w.seen += kept.length;
        const last = page.data[page.data.length - 1];
        if (last) {
          w.cursor = last.id;
          w.last = Math.max(last.created, keepFrom);
        }
        if (below || !page.has_more || page.data.length === 0) w.done = true;
        const newFloor = kept.length ? options.onItems(kept) : null;
        if (typeof newFloor === 'number') floor = Math.max(floorValue(), newFloor);
      } catch (err) {
        return fail(err);
      } finally {
        w.busy = false;
        inFlight -= 1;
        pump();
      }
    };

    pump();
  });
}
