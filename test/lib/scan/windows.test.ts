import {
  applyFloor,
  chunkPages,
  completeBackTo,
  makeWindow,
  markSent,
  nextWindow,
  recordPage,
  remainingTop,
  type ScanWindow,
} from '../../../lib/scan/windows';

const PAGE = 100;
const item = (created: number, id = `cs_${created}`) => ({ id, created });

describe('a new window', () => {
  it('starts idle and unmeasured, and is done only when empty', () => {
    expect(makeWindow(10, 20)).toEqual({
      lo: 10,
      hi: 20,
      cursor: null,
      last: null,
      measured: { items: 0, seconds: 0 },
      reach: null,
      failures: 0,
      done: false,
      busy: false,
      yieldTop: 20,
    });
    expect(makeWindow(20, 20).done).toBe(true);
    expect(makeWindow(21, 20).done).toBe(true);
  });

  it('its remaining top is hi until an item was seen, then that item’s second', () => {
    const w = makeWindow(0, 100);
    expect(remainingTop(w)).toBe(100);
    w.last = 40;
    expect(remainingTop(w)).toBe(40);
  });
});

describe('applyFloor: the early stop after the newest match', () => {
  it('ends every window entirely below the floor and keeps the others', () => {
    const below = makeWindow(0, 50);
    const atFloor = makeWindow(50, 100);
    const across = makeWindow(40, 60);
    const above = makeWindow(60, 100);
    applyFloor([below, atFloor, across, above], 50);
    expect([below.done, atFloor.done, across.done, above.done]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('ends a window whose reading went below the floor, keeps one still at it', () => {
    const under = Object.assign(makeWindow(0, 100), { last: 49 });
    const at = Object.assign(makeWindow(0, 100), { last: 50 });
    applyFloor([under, at], 50);
    expect([under.done, at.done]).toEqual([true, false]);
  });

  it('leaves a window ended by other means ended', () => {
    const w = Object.assign(makeWindow(60, 100), { done: true });
    applyFloor([w], 50);
    expect(w.done).toBe(true);
  });
});

describe('chunkPages', () => {
  it.each([
    [0, 1],
    [39, 1],
    [90, 2],
    [250, 3],
    [640, 4],
    [1000, 5],
    [1440, 6],
    [100_000, 6],
  ])('after %i requests a new window holds %i pages', (requests, pages) =>
    expect(chunkPages(requests)).toBe(pages),
  );
});

describe('recordPage', () => {
  it('books a full page: items kept, cursor, last second, density over the time it covered', () => {
    const w = makeWindow(0, 1000);
    w.busy = true;
    w.reach = 900;
    const kept = recordPage(
      w,
      { data: [item(999), item(950), item(900)], has_more: true },
      { lo: 0, top: 1000 },
      -Infinity,
    );
    expect(kept.map((x) => x.created)).toEqual([999, 950, 900]);
    expect(w).toMatchObject({
      cursor: 'cs_900',
      last: 900,
      measured: { items: 3, seconds: 100 },
      done: false,
      busy: false,
      reach: null,
    });
  });

  it('a final page ends the window and counts the whole range asked, plus one item', () => {
    const w = makeWindow(0, 1000);
    recordPage(w, { data: [item(500)], has_more: false }, { lo: 200, top: 1000 }, -Infinity);
    expect(w).toMatchObject({ measured: { items: 2, seconds: 800 }, done: true, last: 500 });
  });

  it('an empty page ends the window and measures at least one second', () => {
    const w = makeWindow(0, 1000);
    recordPage(w, { data: [], has_more: true }, { lo: 1000, top: 1000 }, -Infinity);
    expect(w).toMatchObject({ measured: { items: 0, seconds: 1 }, done: true, cursor: null });
  });

  it('keeps only items in [max(lo, floor), hi), ends the window below the floor', () => {
    const w = makeWindow(100, 200);
    const kept = recordPage(
      w,
      { data: [item(200), item(199), item(150), item(149), item(120)], has_more: true },
      { lo: 100, top: 200 },
      150,
    );
    expect(kept.map((x) => x.created)).toEqual([199, 150]);
    expect(w).toMatchObject({ done: true, last: 150, cursor: 'cs_120' });
  });

  it('a full page entirely at or above the floor goes on', () => {
    const w = makeWindow(100, 200);
    recordPage(w, { data: [item(180), item(150)], has_more: true }, { lo: 100, top: 200 }, 150);
    expect(w.done).toBe(false);
  });
});

describe('markSent: where the page out should end', () => {
  it('with no density known, the whole window, above the floor', () => {
    const w = makeWindow(0, 1000);
    markSent(w, [w], -Infinity, PAGE);
    expect([w.busy, w.reach]).toEqual([true, 0]);
    const v = makeWindow(0, 1000);
    markSent(v, [v], 300, PAGE);
    expect(v.reach).toBe(300);
  });

  it('pools the density of the nearest measured windows above, up to four', () => {
    const measured = (lo: number, hi: number, items: number) =>
      Object.assign(makeWindow(lo, hi), { measured: { items, seconds: hi - lo } });
    // Five measured windows above: the nearest four (1 item a second) count, not the far one.
    const above = [
      measured(1000, 2000, 1000),
      measured(2000, 3000, 1000),
      measured(3000, 4000, 1000),
      measured(4000, 5000, 1000),
      measured(5000, 6000, 100_000),
    ];
    const w = makeWindow(0, 1000);
    markSent(w, [w, ...above].reverse(), -Infinity, PAGE);
    expect(w.reach).toBe(Math.ceil(1000 - 95 / 1));
    // A measured window below is not its neighbour.
    const v = makeWindow(1000, 2000);
    markSent(v, [measured(0, 1000, 1_000_000), v], -Infinity, PAGE);
    expect(v.reach).toBe(1000);
  });

  it('windows not measured yet take no place among the four', () => {
    const ws = [0, 1000, 2000, 3000, 4000].map((lo) => makeWindow(lo, lo + 1000));
    ws.push(Object.assign(makeWindow(5000, 6000), { measured: { items: 1000, seconds: 1000 } }));
    markSent(ws[0], ws, -Infinity, PAGE);
    expect(ws[0].reach).toBe(1000 - 95);
  });

  it('never reaches below the window or the floor', () => {
    const dense = () =>
      Object.assign(makeWindow(900, 1000), { measured: { items: 1, seconds: 1000 } });
    const w = dense();
    markSent(w, [w], -Infinity, PAGE);
    expect(w.reach).toBe(900);
    const v = dense();
    markSent(v, [v], 950, PAGE);
    expect(v.reach).toBe(950);
  });
});

describe('nextWindow', () => {
  it('nothing to do when every window is done', () => {
    const ws = [Object.assign(makeWindow(0, 10), { done: true })];
    expect(nextWindow(ws, -Infinity, PAGE)).toBeNull();
  });

  it('takes the idle window with the newest remaining time', () => {
    const old = makeWindow(0, 100);
    const young = makeWindow(100, 200);
    const read = Object.assign(makeWindow(200, 300), { last: 150 });
    expect(nextWindow([old, read, young], -Infinity, PAGE)).toBe(young);
    expect(nextWindow([young, old, read], -Infinity, PAGE)).toBe(young);
  });

  it.each([
    ['less than', 98],
    ['exactly', 100],
  ])('does not split a busy window holding %s a page', (_name, seconds) => {
    const w = Object.assign(makeWindow(0, seconds), { measured: { items: 100, seconds: 100 } });
    markSent(w, [w], -Infinity, PAGE);
    expect(nextWindow([w], -Infinity, PAGE)).toBeNull();
  });

  it('splits off a piece of a single second, the finest there is', () => {
    // 40 items a second: a page is 2.5 s, so the chain keeps [98, 100) and [97, 98) goes out.
    const w = Object.assign(makeWindow(97, 100), { measured: { items: 4000, seconds: 100 } });
    const ws = [w];
    markSent(w, ws, -Infinity, PAGE);
    const piece = nextWindow(ws, -Infinity, PAGE)!;
    expect([piece.lo, piece.hi, w.lo]).toEqual([97, 98, 98]);
  });

  it('splits a busy window at the floor, never below it', () => {
    const w = Object.assign(makeWindow(0, 10_000), { measured: { items: 100, seconds: 100 } });
    const ws: ScanWindow[] = [w];
    markSent(w, ws, 5000, PAGE);
    const piece = nextWindow(ws, 5000, PAGE)!;
    expect([piece.lo, piece.hi, w.lo]).toEqual([5000, w.reach, w.reach]);
    expect(ws).toContain(piece);
  });

  it('holds `pages` pages per new window deeper in the scan', () => {
    const split = (pages: number) => {
      const w = Object.assign(makeWindow(0, 10_000), { measured: { items: 100, seconds: 100 } });
      const ws = [w];
      markSent(w, ws, -Infinity, PAGE);
      return nextWindow(ws, -Infinity, PAGE, pages)!.hi;
    };
    expect(split(1)).toBe(10_000 - 95);
    expect(split(3)).toBe(10_000 - 295);
  });

  it('does not split what is left when it holds no more than the pages asked', () => {
    const w = Object.assign(makeWindow(0, 250), { measured: { items: 100, seconds: 100 } });
    markSent(w, [w], -Infinity, PAGE);
    expect(nextWindow([w], -Infinity, PAGE, 3)).toBeNull();
    expect(nextWindow([w], -Infinity, PAGE, 2)).not.toBeNull();
  });

  it('prefers an idle window above a split of older time', () => {
    const busy = Object.assign(makeWindow(0, 10_000), { measured: { items: 100, seconds: 100 } });
    const idle = makeWindow(20_000, 30_000);
    const ws = [busy, idle];
    markSent(busy, ws, -Infinity, PAGE);
    expect(nextWindow(ws, -Infinity, PAGE)).toBe(idle);
  });

  it('prefers the split with the newest time among busy windows', () => {
    const measured = { items: 100, seconds: 100 };
    const older = Object.assign(makeWindow(0, 10_000), { measured: { ...measured } });
    const newer = Object.assign(makeWindow(10_000, 20_000), { measured: { ...measured } });
    const ws = [older, newer];
    markSent(older, ws, -Infinity, PAGE);
    markSent(newer, ws, -Infinity, PAGE);
    const piece = nextWindow(ws, -Infinity, PAGE)!;
    expect([piece.lo, piece.hi]).toEqual([10_000, 20_000 - 95]);
    expect([older.lo, newer.lo]).toEqual([0, 20_000 - 95]);
  });
});

describe('completeBackTo', () => {
  it('is the top when the newest window is unread', () =>
    expect(completeBackTo([makeWindow(0, 100)], 100, 0)).toBe(100));

  it('is the floor when every window above it is done', () => {
    const ws = [makeWindow(50, 100), makeWindow(0, 50)];
    ws[0].done = true;
    ws[1].done = true;
    expect(completeBackTo(ws, 100, 20)).toBe(20);
    expect(completeBackTo(ws, 100, 0)).toBe(0);
  });

  it('stops at a gap in the windows', () => {
    const ws = [makeWindow(60, 100), makeWindow(0, 50)];
    ws[0].done = true;
    ws[1].done = true;
    expect(completeBackTo(ws, 100, 0)).toBe(60);
  });

  it('never reports below the floor, even for a window read past it', () => {
    const w = Object.assign(makeWindow(0, 100), { last: 10 });
    expect(completeBackTo([w], 100, 30)).toBe(30);
  });
});
