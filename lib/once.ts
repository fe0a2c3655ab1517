import type { ZObject } from 'zapier-platform-core';

export const ONE_DAY_SECONDS = 24 * 60 * 60;

/**
 * True the first time a key is claimed within the TTL, false after. Used to drop re-delivered
 * webhook events and repeated emails. Reads first (a replay usually finds the key), then sets
 * with nx so that two concurrent claims cannot both win where Zapier's cache is shared.
 */
export async function claimOnce(
  z: ZObject,
  key: string,
  ttlSeconds = ONE_DAY_SECONDS,
): Promise<boolean> {
  if ((await z.cache.get(key)) !== null) return false;
  // Core rejects an undefined scope; null means "this connection" (its default).
  const stored = await z.cache.set(key, Date.now(), ttlSeconds, null as unknown as string[], true);
  return stored !== false;
}
