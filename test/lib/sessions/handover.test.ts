import {
  completedSessionEvents,
  SessionStore,
  type ListableSession,
  type SessionEvent,
} from '../../../bench/fake-session-list';
import { createRateLimiter } from '../../../lib/rate-limit';
import { scanByWindows, type ListParams, type Scanned } from '../../../lib/scan/scanner';
import { makeWindow, recordPage } from '../../../lib/scan/windows';
import {
  COMPLETION_SECONDS,
  coveredFrom,
  Handover,
  scanTwoLists,
  type Lane,
} from '../../../lib/sessions/handover';

const NOW = 1_790_000_000;
const HOUR = 3_600;
const DAY = 24 * HOUR;
const TO = NOW + 1;
const EVENTS_FROM = TO - 30 * DAY + HOUR;

type S = ListableSession & { ref: string; completedAt: number; note?: string };

function random(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * A seeded account: `count` sessions over `days`, denser lately; a tenth expired (never
 * completed); completion minutes after creation for most, up to the last second of the 24 hours a
 * session lives for some; a few `crowd` seconds holding many sessions.
 */
function account(seed: number): { sessions: S[]; count: number } {
  const rand = random(seed);
  const count = 2_000 + Math.floor(rand() * 10_000);
  const days = 10 + Math.floor(rand() * 80);
  const lateShare = [0, 0.05, 0.3, 1][Math.floor(rand() * 4)];
  const crowds = Array.from({ length: 3 }, () => NOW - Math.floor(rand() * days * DAY));
  const sessions = Array.from({ length: count }, (_, i): S => {
    const created =
      rand() < 0.02
        ? crowds[i % 3]
        : NOW - Math.floor((days * DAY * (1 - Math.sqrt(1 - rand() * 0.75))) / 0.5);
    const late = rand() < lateShare;
    const delay = late
      ? rand() < 0.3
        ? DAY - 1
        : Math.floor(rand() * DAY)
      : Math.floor(rand() * 900);
    return {
      id: `cs_test_h${String(seed).padStart(3, '0')}${String(i).padStart(7, '0')}`,
      created,
      completedAt: created + delay,
      status: i % 10 === 9 ? 'expired' : 'complete',
      ref: `order-${i}`,
    };
  });
  return { sessions, count };
}

/** Stripe's two lists over the account, as a list scan pages them (a few ms apart, jittered). */
function lanes(sessions: S[], seed: number) {
  const rand = random(seed * 31 + 7);
  // Sessions that completed before the search began (the rest are open, or complete later).
  const done = sessions.filter((s) => s.status === 'complete' && s.completedAt < TO);
  const store = new SessionStore(done);
  // The event holds the session as it was at completion: a later change is not in it.
  const events = completedSessionEvents(done, {
    now: NOW,
    keptSeconds: 30 * DAY,
    completedAt: (s) => s.completedAt,
  });
  const queries = { sessions: [] as ListParams[], events: [] as ListParams[] };
  /** Requests asked before any page had come back. */
  const early = { asked: 0, answered: false };
  const page = async <T>(list: SessionStore<T & ListableSession>, params: ListParams) => {
    if (!early.answered) early.asked += 1;
    await new Promise((r) => setTimeout(r, 1 + rand() * 3));
    early.answered = true;
    return list.list({
      'created[gte]': String(params.created.gte),
      'created[lt]': String(params.created.lt),
      limit: String(params.limit),
      starting_after: params.starting_after,
    });
  };
  const scan = <T extends Scanned>(
    lane: Lane,
    fetchPage: (p: ListParams) => Promise<{ data: T[]; has_more: boolean }>,
    onItems: (items: T[]) => number | null,
    floor: () => number | null,
  ) =>
    scanByWindows<T>({
      ...lane,
      fetchPage,
      onItems,
      sharedFloor: floor,
      deadline: Date.now() + 20_000,
      limiter: createRateLimiter(10_000, 50),
      ratePerSecond: 10_000,
      isRetryable: () => false,
      maxInFlight: 6,
    });
  return { store, events, queries, page, scan, early };
}

/** The find search's two-list scan over one account: what it saw, and its newest match. */
async function search(
  sessions: S[],
  seed: number,
  wanted: string | null,
  from = NOW - 200 * DAY,
  densityHint: number | null = null,
) {
  const { events, store, queries, page, scan, early } = lanes(sessions, seed);
  const seen = new Map<string, number>();
  let newest: S | null = null;
  const onSessions = (items: S[]) => {
    for (const s of items) {
      if (s.created < from || s.created >= TO) continue;
      seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
      if (s.ref === wanted && (!newest || s.created > newest.created)) newest = s;
    }
    return (newest as S | null)?.created ?? null;
  };
  const floor = () => (newest as S | null)?.created ?? null;
  const result = await scanTwoLists({
    from,
    to: TO,
    eventsFrom: Math.max(from, EVENTS_FROM),
    densityHint,
    floor,
    onFailure: () => undefined,
    events: (lane) =>
      scan<SessionEvent<S>>(
        lane,
        (p) => (queries.events.push(p), page(events, p)),
        (items) => {
          lane.onPage();
          return onSessions(items.map((e) => e.data.object));
        },
        floor,
      ),
    sessions: (lane) =>
      scan<S>(lane, (p) => (queries.sessions.push(p), page(store, p)), onSessions, floor),
  });
  return { result, seen, match: newest as S | null, queries, store, early };
}

describe('two lists sharing one search (property, over random accounts)', () => {
  const seeds = Array.from({ length: 24 }, (_, i) => i + 1);

  it.each(seeds)(
    'account %i: no match → every completed session in range seen, none lost at any hand-over',
    async (seed) => {
      const { sessions } = account(seed);
      const from = NOW - 200 * DAY;
      const { result, seen, queries, store } = await search(sessions, seed, 'none', from);
      const expected = store
        .all()
        .filter((s) => s.created >= from)
        .map((s) => s.id)
        .sort();
      expect(result.complete).toBe(true);
      expect(result.completeFrom).toBe(from);
      expect([...seen.keys()].sort()).toEqual(expected);
      // Where the events list holds more than its first piece, the sessions list read recent
      // time too (a hand-over, not one list per age).
      if (
        expected.filter((id) => store.all().find((s) => s.id === id)!.created >= EVENTS_FROM)
          .length > 3_000
      )
        expect(queries.sessions.some((q) => q.created.lt > EVENTS_FROM)).toBe(true);
    },
  );

  it.each(seeds)(
    'account %i: a match at a random depth → the newest session with the reference, certain',
    async (seed) => {
      const { sessions } = account(seed);
      const rand = random(seed * 7 + 3);
      const completed = sessions
        .filter((s) => s.status === 'complete' && s.completedAt < TO)
        .sort((a, b) => b.created - a.created);
      // Two sessions share the reference: the newer wins, wherever the lists meet.
      const depth = Math.floor(rand() * Math.min(completed.length - 1, 15_000));
      const wanted = completed[depth];
      const older = completed
        .slice(depth + 1)
        .filter((s) => s.created < wanted.created)
        .at(Math.floor(rand() * 500));
      wanted.ref = 'order-wanted';
      if (older) older.ref = 'order-wanted';
      const { result, match } = await search(sessions, seed, 'order-wanted');
      expect(match?.id).toBe(wanted.id);
      expect(result.complete).toBe(true);
    },
  );
});

describe("two lists planned from an earlier search's pace (a density hint, right or wrong)", () => {
  /** Completions a second over the newest day: what a first events page would measure. */
  const pace = (sessions: S[]) =>
    sessions.filter(
      (s) => s.status === 'complete' && s.completedAt >= TO - DAY && s.completedAt < TO,
    ).length / DAY;
  const cases = [1, 2, 3, 4, 5, 6].flatMap((seed) =>
    [1, 10, 0.1].map((scale): [number, number] => [seed, scale]),
  );

  it.each(cases)(
    'account %i, hint × %f: every completed session seen once with no match, the newest match certain with one',
    async (seed, scale) => {
      const { sessions } = account(seed);
      const hint = Math.max(pace(sessions), 1 / DAY) * scale;
      const from = NOW - 200 * DAY;
      const all = await search(sessions, seed, 'none', from, hint);
      const expected = all.store
        .all()
        .filter((s) => s.created >= from)
        .map((s) => s.id)
        .sort();
      expect(all.result.complete).toBe(true);
      expect([...all.seen.keys()].sort()).toEqual(expected);
      expect([...all.seen.values()].every((n) => n >= 1)).toBe(true);

      const completed = sessions
        .filter((s) => s.status === 'complete' && s.completedAt < TO)
        .sort((a, b) => b.created - a.created);
      const wanted =
        completed[Math.floor(random(seed * 11)() * Math.min(completed.length - 1, 8_000))];
      wanted.ref = 'order-wanted';
      const found = await search(sessions, seed, 'order-wanted', from, hint);
      expect(found.match?.id).toBe(wanted.id);
      expect(found.result.complete).toBe(true);
    },
  );

  it('with a hint, both lists ask before the first page is back (no round-trip spent waiting)', async () => {
    const { sessions } = account(3);
    const cold = await search(sessions, 3, 'none', NOW - 200 * DAY, null);
    const warm = await search(sessions, 3, 'none', NOW - 200 * DAY, pace(sessions));
    // Cold: the events list's first page goes alone (its density plans everything after it).
    expect(cold.early.asked).toBe(1);
    // Warm: both lists' first requests go at once, before anything came back.
    expect(warm.early.asked).toBeGreaterThan(10);
    expect(warm.result.complete).toBe(true);
    // And this search measures the pace for the next one.
    expect(cold.result.topDensity).toBeGreaterThan(0);
  });
});

describe('two lists sharing one search: a failure', () => {
  it.each(['events', 'sessions'] as const)(
    'the %s list refused: the search fails with its error, and the other list stops',
    async (failing) => {
      const { sessions } = account(3);
      const { events, store, page, scan } = lanes(sessions, 3);
      let stopped = false;
      let otherPages = 0;
      const refusal = Object.assign(new Error('Invalid integer: 1.5'), {
        type: 'StripeInvalidRequestError',
      });
      const floor = () => (stopped ? Number.POSITIVE_INFINITY : null);
      const lane =
        <T extends Scanned>(name: 'events' | 'sessions', list: SessionStore<T & ListableSession>) =>
        (l: Lane) =>
          scan<T>(
            l,
            async (p) => {
              if (name === failing && (name === 'events' ? otherPages > 3 : true)) throw refusal;
              if (name !== failing) otherPages += 1;
              return page(list, p);
            },
            () => (l.onPage(), null),
            floor,
          );
      const before = Date.now();
      await expect(
        scanTwoLists({
          from: NOW - 200 * DAY,
          to: TO,
          eventsFrom: EVENTS_FROM,
          floor,
          onFailure: () => (stopped = true),
          events: lane<SessionEvent<S>>('events', events),
          sessions: lane<S>('sessions', store),
        }),
      ).rejects.toBe(refusal);
      expect(stopped).toBe(true);
      expect(Date.now() - before).toBeLessThan(5_000);
    },
  );
});

describe('a hand-over (Handover, pure)', () => {
  const options = { from: NOW - 200 * DAY, to: TO, eventsFrom: EVENTS_FROM, pageSize: 100 };

  /** A Handover whose events list read its first page: 100 sessions over the last `hours`. */
  function afterFirstPage(hours: number) {
    const h = new Handover(options);
    const w = makeWindow(EVENTS_FROM, TO);
    h.events.push(w);
    const data = Array.from({ length: 100 }, (_, i) => ({
      id: `evt_${i}`,
      created: TO - 1 - Math.floor((i * hours * HOUR) / 100),
    }));
    recordPage(w, { data, has_more: true }, { lo: EVENTS_FROM, top: TO }, -Infinity);
    h.learn();
    return { h, w };
  }

  it("cuts the events list's first window to the first piece, the rest below the frontier", () => {
    const { h, w } = afterFirstPage(1);
    // 12 pages at ~100 an hour: about 12 hours.
    expect(TO - w.lo).toBeGreaterThan(11 * HOUR);
    expect(TO - w.lo).toBeLessThan(13 * HOUR);
    expect(h.frontier).toBe(w.lo);
  });

  it('a sessions piece lies right below the frontier, and costs no margin', () => {
    const { h, w } = afterFirstPage(1);
    w.done = true;
    expect(h.claimSessions(null)).toEqual([{ lo: expect.any(Number), hi: w.lo }]);
  });

  it("the sessions list first takes over the older half of the events list's unread time (newer than the frontier)", () => {
    const { h, w } = afterFirstPage(1);
    const unread = { lo: w.lo, top: w.last! };
    const [taken] = h.claimSessions(null);
    expect(taken).toEqual({ lo: unread.lo, hi: Math.floor((unread.lo + unread.top) / 2) });
    expect(w.lo).toBe(taken.hi);
    expect(h.frontier).toBe(unread.lo);
  });

  it('an events piece below time taken over re-reads the events of that time (its margin)', () => {
    const { h, w } = afterFirstPage(1);
    const [taken] = h.claimSessions(null);
    w.done = true;
    const [below] = h.claimEvents(null);
    expect(below.yieldTop).toBe(taken.lo);
    expect(below.hi).toBe(taken.hi);
  });

  it('an events piece right below its own takes no margin; below a sessions piece, 25 hours', () => {
    const { h, w } = afterFirstPage(5);
    w.done = true;
    const [own] = h.claimEvents(null);
    expect(own).toEqual({ lo: expect.any(Number), hi: w.lo, yieldTop: w.lo });
    const [theirs] = h.claimSessions(null);
    expect(theirs.hi - theirs.lo).toBeGreaterThan(COMPLETION_SECONDS);
    const [below] = h.claimEvents(null);
    expect(below).toEqual({
      lo: expect.any(Number),
      hi: theirs.lo + COMPLETION_SECONDS,
      yieldTop: theirs.lo,
    });
    // Large enough that its margin is at most a quarter of it.
    expect((theirs.lo - below.lo) / COMPLETION_SECONDS).toBeGreaterThanOrEqual(4);
  });

  it('a margin never reaches above what the events list holds (it would read its own twice)', () => {
    const { h, w } = afterFirstPage(1);
    w.done = true;
    const [own] = h.claimEvents(null);
    const [theirs] = h.claimSessions(null);
    expect(theirs.hi - theirs.lo).toBeLessThan(COMPLETION_SECONDS);
    const [below] = h.claimEvents(null);
    expect(below.hi).toBe(own.lo);
    expect(below.yieldTop).toBe(theirs.lo);
  });

  it('below the floor (the newest match) nothing is handed out', () => {
    const { h, w } = afterFirstPage(1);
    expect(h.claimEvents(w.lo)).toEqual([]);
    // Above it, only the events list's unread time is taken over: none above its cursor's second.
    expect(h.claimSessions(w.last!)).toEqual([]);
  });

  it('older than the events list keeps, the sessions list takes all that is left at once', () => {
    const h = new Handover(options);
    const w = makeWindow(EVENTS_FROM, TO);
    h.events.push(w);
    recordPage(w, { data: [], has_more: false }, { lo: EVENTS_FROM, top: TO }, -Infinity);
    h.learn();
    expect(h.frontier).toBe(EVENTS_FROM);
    expect(h.claimEvents(null)).toEqual([]);
    expect(h.claimSessions(null)).toEqual([{ lo: options.from, hi: EVENTS_FROM }]);
  });

  it("with nothing left to hand out, the sessions list takes the older half of an events window's unread time, never its margin", () => {
    const { h } = afterFirstPage(1);
    h.claimEvents(null);
    h.claimSessions(null);
    const [below] = h.claimEvents(null);
    const margin = h.events[h.events.push(makeWindow(below.lo, below.hi)) - 1];
    margin.yieldTop = below.yieldTop!;
    const floor = below.lo;
    // Nothing left below the frontier above the floor: the older half of the piece, up to yieldTop.
    const [taken] = h.claimSessions(floor);
    expect(taken).toEqual({ lo: below.lo, hi: Math.floor((below.lo + below.yieldTop!) / 2) });
    expect(margin.lo).toBe(taken.hi);
    // Taken over again and again, the margin above yieldTop stays with the events list.
    for (let i = 0; i < 100 && h.claimSessions(floor).length; i += 1);
    expect(margin.lo).toBeLessThanOrEqual(below.yieldTop!);
    expect(margin.hi).toBe(below.hi);
    expect(h.claimSessions(floor)).toEqual([]);
  });
});

describe('coveredFrom (what two lists read, as creation time covered from the top)', () => {
  const C = COMPLETION_SECONDS;
  const B = NOW - 100 * DAY;
  it.each<[string, [number, number][], [number, number][], number, number]>([
    ['the events list alone, up to the top', [], [[B, TO]], 0, B],
    ['the sessions list alone', [[B, TO]], [], 0, B],
    ['events on top, sessions right below', [[B, B + DAY]], [[B + DAY, TO]], 0, B],
    [
      'an events piece below a sessions piece, with its full margin',
      [[B + 10 * DAY, B + 20 * DAY]],
      [
        [B + 20 * DAY, TO],
        [B, B + 10 * DAY + C],
      ],
      0,
      B,
    ],
    [
      'an events piece below a sessions piece, its margin short of a lifetime for the piece top second: covered down to the sessions piece only',
      [[B + 10 * DAY, B + 20 * DAY]],
      [
        [B + 20 * DAY, TO],
        [B, B + 10 * DAY + C - 2],
      ],
      0,
      B + 10 * DAY,
    ],
    [
      'an events piece whose margin is the sessions piece above it, then its own',
      [[B + 10 * DAY, B + 10 * DAY + HOUR]],
      [
        [B + 10 * DAY + HOUR, TO],
        [B, B + 10 * DAY + HOUR],
      ],
      0,
      B,
    ],
    [
      'a gap below the newest match is not needed',
      [[B, B + DAY]],
      [[B + 2 * DAY, TO]],
      B + 2 * DAY + HOUR,
      B + 2 * DAY + HOUR,
    ],
    [
      'a gap above the newest match is',
      [[B, B + DAY]],
      [[B + 2 * DAY, TO]],
      B + 0.5 * DAY,
      B + 2 * DAY,
    ],
  ])('%s', (_name, sessions, events, floor, expected) => {
    expect(coveredFrom({ to: TO, bottom: Math.max(B - DAY, floor), sessions, events })).toBe(
      expected,
    );
  });
});
