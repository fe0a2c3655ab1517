import type { ConnectionCache } from '../../../lib/cache';
import {
  DENSITY_CHANGE_SHARE,
  DENSITY_FRESH_SECONDS,
  DENSITY_READ_WAIT_MS,
  DENSITY_REWRITE_SECONDS,
  DENSITY_TTL_SECONDS,
  densityKey,
  readDensityHint,
  saveDensityHint,
} from '../../../lib/sessions/density';
import { planFind, type FindRequest } from '../../../lib/sessions/find';

const NOW = 1_790_000_000;

function request(input: Record<string, unknown> = { client_reference_id: 'order-1' }): FindRequest {
  const planned = planFind(input, NOW);
  if ('problem' in planned) throw new Error(planned.problem);
  return planned;
}

/** Our cache interface over a map, answering after `delayMs` (Zapier's cache is a network call). */
function cache(delayMs = 0) {
  const values = new Map<string, unknown>();
  const writes: { key: string; value: unknown; ttl: number }[] = [];
  const later = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), delayMs));
  const c: ConnectionCache = {
    get: <T>(key: string) => later((values.get(key) ?? null) as T | null),
    set: async (key, value, ttl) => {
      writes.push({ key, value, ttl });
      values.set(key, value);
      return true;
    },
    delete: async (key) => values.delete(key),
    claim: async () => 'claimed',
  };
  return { c, values, writes };
}

const KEY = densityKey(request(), 'live', null);

describe('the pace a search plans with (density hint)', () => {
  it('keyed by mode, status and Connect account (the cache scope is the connection)', () => {
    expect(KEY).toBe('find-density:live:complete:');
    expect(densityKey(request({ client_reference_id: 'x', status: 'any' }), 'test', 'acct_1')).toBe(
      'find-density:test:any:acct_1',
    );
  });

  it('a fresh measure is used', async () => {
    const { c, values } = cache();
    values.set(KEY, { perSecond: 0.01, at: NOW - 600 });
    expect(await readDensityHint(c, request(), 'live', null, NOW)).toEqual({
      perSecond: 0.01,
      at: NOW - 600,
    });
  });

  it.each([
    ['older than a day', { perSecond: 0.01, at: NOW - DENSITY_FRESH_SECONDS - 1 }],
    ['from the future (a clock gone wrong)', { perSecond: 0.01, at: NOW + 60 }],
    ['zero', { perSecond: 0, at: NOW }],
    ['negative', { perSecond: -1, at: NOW }],
    ['not a number', { perSecond: '0.01', at: NOW }],
    ['infinite', { perSecond: Infinity, at: NOW }],
    ['no time', { perSecond: 0.01 }],
    ['a string', 'fast'],
  ])('a measure %s is not used', async (_what, stored) => {
    const { c, values } = cache();
    values.set(KEY, stored);
    expect(await readDensityHint(c, request(), 'live', null, NOW)).toBeNull();
  });

  it(`a cache slower than ${DENSITY_READ_WAIT_MS} ms is not waited for`, async () => {
    const { c, values } = cache(DENSITY_READ_WAIT_MS + 200);
    values.set(KEY, { perSecond: 0.01, at: NOW });
    const started = Date.now();
    expect(await readDensityHint(c, request(), 'live', null, NOW)).toBeNull();
    expect(Date.now() - started).toBeLessThan(DENSITY_READ_WAIT_MS + 150);
  });

  it.each([
    ['a Payment Link', { client_reference_id: 'o', payment_link: 'plink_1QxSpringSale' }],
    ['a customer email', { customer_email: 'jenny@example.com' }],
  ])('with %s it is neither read nor kept', async (_what, input) => {
    const { c, values, writes } = cache();
    values.set(densityKey(request(input), 'live', null), { perSecond: 0.01, at: NOW });
    expect(await readDensityHint(c, request(input), 'live', null, NOW)).toBeNull();
    await saveDensityHint(c, request(input), 'live', null, null, 0.02, NOW);
    expect(writes).toEqual([]);
  });

  it('kept for a week, with the time it was measured', async () => {
    const { c, writes } = cache();
    await saveDensityHint(c, request(), 'live', null, null, 0.0105, NOW);
    expect(writes).toEqual([
      { key: KEY, value: { perSecond: 0.0105, at: NOW }, ttl: DENSITY_TTL_SECONDS },
    ]);
  });

  it(`not written again within an hour while it moved by ${DENSITY_CHANGE_SHARE * 100}% or less`, async () => {
    const { c, writes } = cache();
    const previous = { perSecond: 0.01, at: NOW - 600 };
    await saveDensityHint(c, request(), 'live', null, previous, 0.012, NOW);
    await saveDensityHint(c, request(), 'live', null, previous, 0.008, NOW);
    expect(writes).toEqual([]);
    await saveDensityHint(c, request(), 'live', null, previous, 0.013, NOW);
    await saveDensityHint(c, request(), 'live', null, previous, 0.0074, NOW);
    await saveDensityHint(
      c,
      request(),
      'live',
      null,
      { perSecond: 0.01, at: NOW - DENSITY_REWRITE_SECONDS },
      0.01,
      NOW,
    );
    expect(writes.map((w) => (w.value as { perSecond: number }).perSecond)).toEqual([
      0.013, 0.0074, 0.01,
    ]);
  });

  it.each([null, undefined, 0, -1, NaN, Infinity])('no measure (%p) is kept', async (measured) => {
    const { c, writes } = cache();
    await saveDensityHint(c, request(), 'live', null, null, measured, NOW);
    expect(writes).toEqual([]);
  });
});
