/**
 * Pure bookkeeping for a time-window scan of a newest-first list (Stripe's `created` order).
 * Times are whole unix seconds (Stripe refuses a fractional `created` filter, and stamps whole
 * seconds); a window covers [lo, hi). Windows always partition the asked range, so a session on a
 * split second is in exactly one window; a second holding more than a page is never split, but
 * read by cursor.
 *
 * Newest unread time first: each request reads the top page of a window; while it is out, the
 * part of the window below where that page is expected to end (by the density seen so far) is
 * split off and asked for at once. So the rate goes, page by page, to the newest time nobody is
 * reading yet, and older time is only started as the newer runs out.
 */
export type ScanWindow = {
  lo: number;
  hi: number;
  /** The last id seen (Stripe's `starting_after` cursor). */
  cursor: string | null;
  /** `created` of the last item seen: what is left of the window is [lo, last]. */
  last: number | null;
  /** What this window's pages measured: items over seconds (the density of its time). */
  measured: { items: number; seconds: number };
  /** While a request is out: the time its page is expected to reach down to. */
  reach: number | null;
  /** Consecutive failed requests. */
  failures: number;
  done: boolean;
  busy: boolean;
  /**
   * Another list may take over this window's unread time below this, never above it (for a window
   * of the events list, the time above is the late-completion margin a hand-over must keep:
   * lib/sessions/handover.ts). Pieces split off inherit it.
   */
  yieldTop: number;
};

/** How many windows' measurements (the nearest above) make a density estimate. */
export const DENSITY_POOL = 4;
/** The finest piece a split makes: one whole second. */
export const MIN_SPLIT_SECONDS = 1;
/**
 * A page is expected to cover this share of a full page's time: a split a little above the page's
 * true end costs a few items read twice, one below it costs a whole request for the gap.
 */
export const SPLIT_AT_PAGE_SHARE = 0.95;

export function makeWindow(lo: number, hi: number): ScanWindow {
  return {
    lo,
    hi,
    cursor: null,
    last: null,
    measured: { items: 0, seconds: 0 },
    reach: null,
    failures: 0,
    done: hi <= lo,
    busy: false,
    yieldTop: hi,
  };
}

/** The top of what is left to scan in a window (inclusive when items were seen). */
export function remainingTop(w: ScanWindow): number {
  return w.last ?? w.hi;
}

/** The measured windows, oldest first: what `densityFor` looks in. */
function measuredByAge(windows: ScanWindow[]): ScanWindow[] {
  return windows.filter((x) => x.measured.seconds > 0).sort((a, b) => a.lo - b.lo);
}

/**
 * Items per second to plan a window with: pooled over the measured windows nearest above it (its
 * own included) — the scan moves from new to old, so they are its neighbours. Null if none is.
 */
function densityFor(w: ScanWindow, measured: ScanWindow[], hint: number | null): number | null {
  const nearest = measured.filter((x) => x.lo >= w.lo).slice(0, DENSITY_POOL);
  if (nearest.length === 0) return hint;
  const items = nearest.reduce((sum, x) => sum + x.measured.items, 0);
  return items / nearest.reduce((sum, x) => sum + x.measured.seconds, 0);
}

/** Marks a window as asked for its next page of `pageSize`, and where that page should end. */
export function markSent(
  w: ScanWindow,
  windows: ScanWindow[],
  floor: number,
  pageSize: number,
  hint: number | null = null,
): void {
  const density = densityFor(w, measuredByAge(windows), hint);
  w.busy = true;
  w.reach =
    density && density > 0
      ? Math.max(
          w.lo,
          floor,
          Math.ceil(remainingTop(w) - (pageSize * SPLIT_AT_PAGE_SHARE) / density),
        )
      : Math.max(w.lo, floor);
}

/**
 * Pages a new window should hold, by how far the scan has gone: one page at first (the newest
 * time is the most valuable), longer chains deeper on, where each window's final, partial page
 * would otherwise cost more than reading a little past the match.
 */
export function chunkPages(requestsSoFar: number): number {
  return Math.max(1, Math.min(6, Math.round(Math.sqrt(requestsSoFar / 40))));
}

/**
 * What to ask for next: the window with the newest time nobody is reading — an idle window's top,
 * or the part of a busy window below the `pages` it is expected to hold (split off as a new
 * window, if the busy one holds more than that). Null when nothing is.
 */
export function nextWindow(
  windows: ScanWindow[],
  floor: number,
  pageSize: number,
  pages = 1,
  hint: number | null = null,
): ScanWindow | null {
  let best: ScanWindow | null = null;
  let bestTop = Number.NEGATIVE_INFINITY;
  let split = false;
  const measured = measuredByAge(windows);
  for (const w of windows) {
    if (w.done) continue;
    if (!w.busy) {
      if (remainingTop(w) > bestTop) [best, bestTop, split] = [w, remainingTop(w), false];
      continue;
    }
    const lo = Math.max(w.lo, floor);
    const density = densityFor(w, measured, hint) ?? 0;
    if (w.reach === null || density * (remainingTop(w) - lo) <= pages * pageSize) continue;
    // A whole second, rounded up (a few items read twice rather than a gap), and below the chain's
    // current second: the chain keeps what is left of that second (by cursor) and above.
    const at = Math.min(
      w.reach,
      Math.ceil(remainingTop(w) - ((pages - 1 + SPLIT_AT_PAGE_SHARE) * pageSize) / density),
      w.last ?? w.hi - 1,
    );
    if (at - lo < MIN_SPLIT_SECONDS || at <= bestTop) continue;
    [best, bestTop, split] = [w, at, true];
  }
  if (!best || !split) return best;
  const lo = Math.max(best.lo, floor);
  const piece = makeWindow(lo, bestTop);
  piece.yieldTop = Math.min(best.yieldTop, bestTop);
  best.lo = bestTop;
  windows.push(piece);
  return piece;
}

/**
 * Books a page that came back for a window: what it kept (items in the window's current range,
 * which a split or a floor may have narrowed while the request was out), cursor, density, done.
 * `askedLo`/`askedTop` are the range the request asked for. Returns the kept items.
 */
export function recordPage<T extends { id: string; created: number }>(
  w: ScanWindow,
  page: { data: T[]; has_more: boolean },
  asked: { lo: number; top: number },
  floor: number,
): T[] {
  const keepFrom = Math.max(w.lo, floor);
  const kept = page.data.filter((item) => item.created >= keepFrom && item.created < w.hi);
  const below = page.data.some((item) => item.created < keepFrom);
  const last = page.data[page.data.length - 1];
  // A full page spans [last, top]; a final one spans the whole range asked (+1 so that an empty
  // stretch suggests a larger, not an endless, next step).
  const span = page.has_more && last ? asked.top - last.created : asked.top - asked.lo;
  w.measured.items += page.has_more ? page.data.length : page.data.length + 1;
  w.measured.seconds += Math.max(span, 1);
  if (last) {
    w.cursor = last.id;
    w.last = Math.max(last.created, keepFrom);
  }
  if (below || !page.has_more || page.data.length === 0) w.done = true;
  w.busy = false;
  w.reach = null;
  return kept;
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

/**
 * The time each window has read, merged into disjoint [lo, hi) ranges, newest first: a finished
 * window all of its range (below a floor nothing was needed), an unfinished one what lies above
 * its cursor's second (that second may be read only in part).
 */
export function readRanges(windows: ScanWindow[]): [number, number][] {
  return mergeRanges(
    windows.map((w): [number, number] => [w.done ? w.lo : (w.last ?? w.hi - 1) + 1, w.hi]),
  );
}

/** Disjoint ranges, newest first: overlapping or touching ones joined, empty ones dropped. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [lo, hi] of ranges.filter(([l, h]) => h > l).sort((a, b) => b[1] - a[1])) {
    const last = merged[merged.length - 1];
    if (last && hi >= last[0]) last[0] = Math.min(last[0], lo);
    else merged.push([lo, hi]);
  }
  return merged;
}
