import type { ScanOptions, ScanResult, Scanned } from '../scan/scanner';
import { mergeRanges, remainingTop, type ScanWindow } from '../scan/windows';

/**
 * How the sessions list (by `created`) and the events list (`checkout.session.completed`, by when
 * each session completed) share one search's range in live mode, each at its own 25/s.
 *
 * Both lists read the newest unread time. The time nobody has been handed yet lies below the
 * **frontier**; a list that runs out of work is handed more:
 *
 * - The events list takes the next piece below the frontier. An events piece of creation time
 *   [lo, top) is read as event time [lo, top + COMPLETION_SECONDS): a session created in it may
 *   complete up to that much later, above the piece, where the sessions list read instead. Only
 *   event time the events list does not hold already is added, so a piece right below its own
 *   costs nothing more, and one below time the sessions list read at most a session's lifetime
 *   of events (at 900 sessions a day, ~9 pages): pieces are 8 times that at least.
 * - The sessions list first takes over the older half of the events list's lowest unread window
 *   (newer than the frontier; never the margin above its piece), re-reading whatever the events
 *   list holds below it (an events window left below would need the events taken over); else the
 *   next small piece below the frontier, which costs nothing wherever it lies.
 *
 * Whatever was handed out, the search is certain only as far as `coveredFrom` finds from what each
 * list actually read.
 */

/**
 * A session completes before it expires, at most 24 hours after it was created; an hour more for
 * the event to be stamped after the completion.
 */
export const COMPLETION_SECONDS = 25 * 3_600;
/** The events list's first piece, in pages: half a second of a list's 24/s (the top of the range). */
export const FIRST_PIECE_PAGES = 12;
/** A sessions piece, in pages (small: it costs nothing to hand over). */
export const SESSIONS_PIECE_PAGES = 12;
/** A later events piece, in pages: at least a second and a half of the list's, and … */
export const EVENTS_PIECE_PAGES = 36;
/** … this many times the events its margin re-reads. */
export const MARGIN_SHARE = 8;
/**
 * Unread events time the sessions list takes over before newer time below the frontier: at least
 * this many pages (it is newer, and costs nothing more) …
 */
export const TAKE_OVER_FIRST_PAGES = 8;
/** … and when nothing is left below the frontier, this many. */
export const TAKE_OVER_PAGES = 2;

export type Piece = { lo: number; hi: number; yieldTop?: number };

export type HandoverOptions = {
  /** The search's range, [from, to), by creation. */
  from: number;
  to: number;
  /** The oldest event time the events list keeps. */
  eventsFrom: number;
  pageSize: number;
  /**
   * Items per second at the top of the range, measured by an earlier search (null: none): the
   * first piece is cut from it at once, and both lists start without waiting for a first page.
   */
  densityHint?: number | null;
};

export class Handover {
  /** Everything created from here on has been handed to a list. */
  frontier: number;
  /** The events list holds event time [eventsLow, …) up to the top of each piece's margin. */
  private eventsLow: number;
  private density: number | null = null;
  readonly events: ScanWindow[] = [];
  readonly sessions: ScanWindow[] = [];
  private started: () => void = () => undefined;
  /** Resolves once the sessions list can be handed pieces (the first events page measured time). */
  readonly ready = new Promise<void>((resolve) => (this.started = resolve));

  /** Where the events list's first window starts: the range's, or the first piece's when cut. */
  readonly eventsStart: number;

  constructor(private readonly options: HandoverOptions) {
    this.frontier = options.eventsFrom;
    this.eventsLow = options.eventsFrom;
    this.eventsStart = options.eventsFrom;
    const hint = options.densityHint;
    if (hint && Number.isFinite(hint) && hint > 0) {
      // As `learn` does after a first page, from the earlier search's measure.
      this.density = hint;
      this.eventsStart =
        this.frontier =
        this.eventsLow =
          Math.max(options.eventsFrom, this.firstPieceFrom(hint));
      this.started();
    }
  }

  /** Items per second, once the first events page has measured it. */
  densityHint = (): number | null => this.density;

  /**
   * After the events list's first page (its one window then spans all it keeps): the density it
   * measured, and the first piece cut to the top of the range. The rest goes back below the
   * frontier.
   */
  learn(): void {
    const w = this.events[0];
    if (this.density !== null || !w || w.measured.seconds === 0) return;
    this.density = w.measured.items / w.measured.seconds;
    if (w.done) {
      this.frontier = this.eventsLow = w.lo;
    } else {
      // The page read to `remainingTop`: the piece holds what it read, its cursor's second included.
      const cut = Math.max(w.lo, Math.min(this.firstPieceFrom(this.density), remainingTop(w)));
      w.lo = cut;
      this.frontier = this.eventsLow = cut;
    }
    this.started();
  }

  /** Ends the wait for `ready` (the events list stopped before its first page). */
  release(): void {
    this.density ??= 1 / this.options.pageSize;
    this.started();
  }

  /** The events list's next piece, below the frontier, with its margin; [] when none is left. */
  claimEvents(floor: number | null): Piece[] {
    this.learn();
    if (this.density === null) return [];
    const bottom = Math.max(this.options.eventsFrom, floor ?? Number.NEGATIVE_INFINITY);
    const top = this.frontier;
    if (top <= bottom) return [];
    const marginTop = Math.min(top + COMPLETION_SECONDS, this.eventsLow, this.options.to);
    const marginItems = (marginTop - top) * this.density;
    const size = Math.max(this.items(EVENTS_PIECE_PAGES), MARGIN_SHARE * marginItems);
    const lo = Math.max(bottom, Math.floor(top - size / this.density));
    this.frontier = this.eventsLow = lo;
    return [{ lo, hi: Math.max(marginTop, top), yieldTop: top }];
  }

  /** The sessions list's next piece: below the frontier, else unread time the events list yields. */
  claimSessions(floor: number | null): Piece[] {
    if (this.density === null) return [];
    const bottom = Math.max(this.options.from, floor ?? Number.NEGATIVE_INFINITY);
    const top = this.frontier;
    const newer = this.takeOver(bottom, TAKE_OVER_FIRST_PAGES);
    if (newer.length) return newer;
    if (top > bottom) {
      const lo =
        top <= this.options.eventsFrom
          ? bottom
          : Math.max(
              bottom,
              this.options.eventsFrom,
              Math.floor(top - this.items(SESSIONS_PIECE_PAGES) / this.density),
            );
      this.frontier = lo;
      return [{ lo, hi: top }];
    }
    return this.takeOver(bottom, TAKE_OVER_PAGES);
  }

  /**
   * The older half of the unread time of the events list's lowest unfinished window (below its
   * `yieldTop`), and whatever the events list holds below it: an events window left below time
   * taken over would need the events in it, for sessions created under it that completed there.
   * Worth it when the unread half is large against what is read again.
   */
  private takeOver(bottom: number, pages: number): Piece[] {
    const needed = this.events.filter((x) => x.hi > bottom);
    const open = needed.filter((x) => !x.done);
    if (open.length === 0) return [];
    const w = open.reduce((low, x) => (x.lo < low.lo ? x : low));
    if (w.busy && w.reach === null) return [];
    const top = Math.min(w.yieldTop, w.busy ? (w.reach as number) : remainingTop(w));
    const from = Math.max(w.lo, bottom);
    const lo = Math.max(bottom, Math.min(...needed.map((x) => x.lo)));
    const at = Math.floor((from + top) / 2);
    const density = this.density ?? 0;
    if ((at - from) * density < (pages / 2) * this.options.pageSize || from - lo > at - from)
      return [];
    for (const x of needed) if (x !== w && x.lo < at) x.done = true;
    w.lo = at;
    // The events list holds nothing below `at` now: a piece it takes below needs the margin.
    this.eventsLow = Math.max(this.eventsLow, at);
    return [{ lo, hi: at }];
  }

  /** Where the events list's first piece (the top of the range) starts, at this density. */
  private firstPieceFrom(density: number): number {
    return Math.floor(this.options.to - this.items(FIRST_PIECE_PAGES) / density);
  }

  private items(pages: number): number {
    return this.options.pageSize * pages;
  }
}

/**
 * How far back, from `to`, every session created is certainly read: by the sessions list (its
 * read time is creation time), or by the events list (a session created at t is in event time
 * [t, t + COMPLETION_SECONDS), or later than `to`: it completed after the search began). Below
 * `bottom` (the range's start or the newest match) nothing is needed. Pure.
 */
export function coveredFrom(read: {
  to: number;
  bottom: number;
  sessions: [number, number][];
  events: [number, number][];
}): number {
  const fromEvents = mergeRanges(read.events)
    .map(([lo, hi]): [number, number] => [
      lo,
      hi >= read.to ? read.to : hi - COMPLETION_SECONDS + 1,
    ])
    .filter(([lo, hi]) => hi > lo);
  const ranges = [...read.sessions, ...fromEvents].sort((a, b) => b[1] - a[1]);
  let edge = read.to;
  for (const [lo, hi] of ranges) {
    if (edge <= read.bottom) break;
    if (hi >= edge) edge = Math.min(edge, lo);
  }
  return Math.max(edge, Math.min(read.bottom, read.to));
}

/** What one list's scan is given: its first range, its windows, and how to ask for more. */
export type Lane = Required<Pick<ScanOptions<Scanned>, 'from' | 'to' | 'windows' | 'claim'>> &
  Pick<ScanOptions<Scanned>, 'densityHint'> & {
    /** To call after each page the list read (the events list's first one sets the pieces). */
    onPage(): void;
  };

/**
 * One search's range from both lists at once (live mode, completed sessions): `events` reads event
 * time from `eventsFrom`, `sessions` creation time, each handed pieces as above. `floor` is the
 * newest match so far (shared); one list failing calls `onFailure` (which should raise the floor
 * above everything, ending the other) and passes the error on. The result is complete as far back
 * as what the two read covers together.
 */
export async function scanTwoLists(options: {
  from: number;
  to: number;
  eventsFrom: number;
  pageSize?: number;
  /** Items per second at the top of the range from an earlier search, or null. */
  densityHint?: number | null;
  floor(): number | null;
  onFailure(): void;
  events(lane: Lane): Promise<ScanResult>;
  sessions(lane: Lane): Promise<ScanResult>;
}): Promise<ScanResult> {
  const handover = new Handover({
    from: options.from,
    to: options.to,
    eventsFrom: options.eventsFrom,
    pageSize: options.pageSize ?? 100,
    densityHint: options.densityHint,
  });
  const failed = (err: unknown): never => {
    options.onFailure();
    throw err;
  };
  const recent = options
    .events({
      from: handover.eventsStart,
      to: options.to,
      windows: handover.events,
      // With an earlier search's measure, the first window splits before its first page is back.
      ...(options.densityHint ? { densityHint: handover.densityHint } : {}),
      claim: () => handover.claimEvents(options.floor()),
      onPage: () => handover.learn(),
    })
    .catch(failed)
    .finally(() => handover.release());
  const older = handover.ready.then(() =>
    options
      .sessions({
        from: handover.frontier,
        to: handover.frontier,
        windows: handover.sessions,
        densityHint: handover.densityHint,
        claim: () => handover.claimSessions(options.floor()),
        onPage: () => undefined,
      })
      .catch(failed),
  );
  const [sessions, events] = await Promise.all([older, recent]);
  const floor = options.floor();
  const bottom = Math.max(options.from, floor ?? Number.NEGATIVE_INFINITY);
  const completeFrom = coveredFrom({
    to: options.to,
    bottom,
    sessions: sessions.read,
    events: events.read,
  });
  return {
    complete: completeFrom <= bottom,
    scanned: sessions.scanned + events.scanned,
    requests: sessions.requests + events.requests,
    retried: sessions.retried + events.retried,
    completeFrom,
    floor,
    elapsedMs: Math.max(sessions.elapsedMs, events.elapsedMs),
    read: [],
    topDensity: events.topDensity ?? null,
  };
}
