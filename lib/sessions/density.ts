import type { ConnectionCache } from '../cache';
import type { StripeMode } from '../stripe/limiter';
import { densityHintApplies, type FindRequest } from './find';

/**
 * How many sessions a second the connection's account makes at the newest time, as the last
 * search's first page measured it: the next search plans its first requests with it instead of
 * waiting a round-trip for a first page of its own. It only plans where requests go; what was
 * read, and so whether the newest match is certain, never depends on it.
 */
export type DensityHint = { perSecond: number; at: number };

/** A measure is used this long after it was taken (a shop's pace changes over days). */
export const DENSITY_FRESH_SECONDS = 86_400;
/** How long the cache keeps it (used only while fresh). */
export const DENSITY_TTL_SECONDS = 7 * 86_400;
/** The search waits at most this long for the cache, then scans as if it had no measure. */
export const DENSITY_READ_WAIT_MS = 250;
/** Written again only this long after the last write, or when the pace moved by more than … */
export const DENSITY_REWRITE_SECONDS = 3_600;
/** … this share (the cache limits writes; most searches write nothing). */
export const DENSITY_CHANGE_SHARE = 0.25;

/** Per connection (the cache's scope) and per Connect account, mode and status searched. */
export function densityKey(request: FindRequest, mode: StripeMode, account: string | null): string {
  return `find-density:${mode}:${request.status}:${account ?? ''}`;
}

function valid(value: unknown, nowSeconds: number): DensityHint | null {
  if (!value || typeof value !== 'object') return null;
  const { perSecond, at } = value as Record<string, unknown>;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) return null;
  if (typeof at !== 'number' || at > nowSeconds || nowSeconds - at > DENSITY_FRESH_SECONDS)
    return null;
  return { perSecond, at };
}

/** The last search's measure, if it applies to this search, is fresh, and comes in time. */
export async function readDensityHint(
  cache: ConnectionCache,
  request: FindRequest,
  mode: StripeMode,
  account: string | null,
  nowSeconds: number,
): Promise<DensityHint | null> {
  if (!densityHintApplies(request)) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), DENSITY_READ_WAIT_MS);
  });
  try {
    const stored = await Promise.race([cache.get(densityKey(request, mode, account)), late]);
    return valid(stored, nowSeconds);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps this search's measure for the next one, unless the one read is recent and close. */
export async function saveDensityHint(
  cache: ConnectionCache,
  request: FindRequest,
  mode: StripeMode,
  account: string | null,
  previous: DensityHint | null,
  measured: number | null | undefined,
  nowSeconds: number,
): Promise<void> {
  if (!densityHintApplies(request) || !measured || !Number.isFinite(measured) || measured <= 0)
    return;
  if (
    previous &&
    nowSeconds - previous.at < DENSITY_REWRITE_SECONDS &&
    Math.abs(measured / previous.perSecond - 1) <= DENSITY_CHANGE_SHARE
  )
    return;
  await cache.set(
    densityKey(request, mode, account),
    { perSecond: measured, at: nowSeconds },
    DENSITY_TTL_SECONDS,
  );
}
