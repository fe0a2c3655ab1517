/**
 * Pure bookkeeping for a time-window scan of a newest-first list (Stripe's `created` order).
 * Times are unix seconds; a window covers [lo, hi). Windows always partition the asked range.
 */
export type ScanWindow = {
  lo: number;
  hi: number;
  /** The last id seen (Stripe's `starting_after` cursor). */
  cursor: string | null;
  /** `created` of the last item seen: what is left of the window is [lo, last]. */
  last: number | null;
  seen: number;
  /** Consecutive failed requests. */
  failures: number;
  done: boolean;
  busy: boolean;
};

/** Splitting a window finer than this is not worth a request. */
export const MIN_SPLIT_SECONDS = 2;

export function makeWindow(lo: number, hi: number): ScanWindow {
  return { lo, hi, cursor: null, last: null, seen: 0, failures: 0, done: hi <= lo, busy: false };
}

/** The range into `count` equal windows, newest first. */
export function splitRange(from: number, to: number, count: number): ScanWindow[] {
  const span = Math.max(0, to - from);
  const n = Math.max(1, Math.min(count, Math.floor(span / MIN_SPLIT_SECONDS) || 1));
  const windows: ScanWindow[] = [];
  for (let i = 0; i < n; i += 1) {
    const hi = to - Math.floor((span * i) / n);
    const lo = to - Math.floor((span * (i + 1)) / n);
    windows.push(makeWindow(lo, hi));
  }
  return windows;
}

/** The top of what is left to scan in a window (inclusive when items were seen). */
export function remainingTop(w: ScanWindow): number {
  return w.last ?? w.hi;
}

/** Items a window is still expected to hold, from its own density or the scan's average. */
function expectedRemaining(w: ScanWindow, floor: number, averageDensity: number): number {
  const lo = Math.max(w.lo, floor);
  const span = Math.max(0, remainingTop(w) - lo);
  const density = w.last !== null && w.hi > w.last ? w.seen / (w.hi - w.last) : averageDensity;
  return span * Math.max(density, 1e-9);
}

/**
 * Work for an idle slot: the newest idle window, or else a new window split off the busy window
 * with the most left to scan (it keeps the newer half), if it has at least `minSplitItems` left.
 * Null when nothing is worth starting.
 */
export function nextWindow(
  windows: ScanWindow[],
  floor: number,
  averageDensity: number,
  minSplitItems = 0,
): ScanWindow | null {
  const idle = windows.filter((w) => !w.done && !w.busy).sort((a, b) => b.hi - a.hi)[0];
  if (idle) return idle;
  let best: ScanWindow | null = null;
  // Each window ends on a partial page: splitting off less than a few pages costs more than it saves.
  let bestLeft = minSplitItems;
  for (const w of windows) {
    if (w.done) continue;
    const lo = Math.max(w.lo, floor);
    if (remainingTop(w) - lo < MIN_SPLIT_SECONDS) continue;
    const left = expectedRemaining(w, floor, averageDensity);
    if (left > bestLeft) [best, bestLeft] = [w, left];
  }
  if (!best) return null;
  const lo = Math.max(best.lo, floor);
  const mid = Math.floor((lo + remainingTop(best)) / 2);
  const split = makeWindow(lo, mid);
  best.lo = mid;
  windows.push(split);
  return split;
}

/** Raises every window's floor; windows entirely below it are done. */
export function applyFloor(windows: ScanWindow[], floor: number): void {
  for (const w of windows) {
    if (w.done) continue;
    if (w.last !== null ? w.last < floor : w.hi <= floor) w.done = true;
  }
}

/**
 * How far back the scan is complete: [result, to) holds no unscanned time. Walks the windows
 * newest first and stops at the first one not finished.
 */
export function completeBackTo(windows: ScanWindow[], to: number, floor: number): number {
  let edge = to;
  for (const w of [...windows].sort((a, b) => b.hi - a.hi)) {
    if (w.hi < edge) break;
    if (w.done) {
      edge = Math.max(w.lo, floor);
      continue;
    }
    return Math.max(Math.min(edge, w.last ?? w.hi), floor);
  }
  return edge;
}
