import type { ZObject } from 'zapier-platform-core';
import { messageOf } from './errors';

/**
 * The one door to Zapier's cache. Zapier's cache is shared by every user of the integration
 * unless a key is scoped, so every key here is scoped to the user and the connection: one
 * merchant's once-keys, header cache or sender address never reach another's. Nothing else in
 * the app calls `z.cache`.
 *
 * The cache is a helper, never a reason for a step to fail: a read that errors is a miss, a
 * write that errors (or is refused by the app's cache rate limit) reports `false`.
 */
export const CONNECTION_SCOPE: string[] = ['user', 'auth'];

/** What a claim found: ours to act on, already someone else's, or unknown (act, and log it). */
export type Claim = 'claimed' | 'taken' | 'unsure';

export interface ConnectionCache {
  get<T = unknown>(key: string): Promise<T | null>;
  /** True when stored; false when refused (rate limit) or the cache failed. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /**
   * Sets the key only if absent (`nx`). A `false` from Zapier means either "already there" or
   * "rate limited", so the key is read back: only a key that is really there is `taken`.
   */
  claim(key: string, value: unknown, ttlSeconds: number): Promise<Claim>;
}

type ScopedCache = {
  get: (key: string, scope: string[]) => Promise<unknown>;
  set: (
    key: string,
    value: unknown,
    ttl: number,
    scope: string[],
    nx?: boolean,
  ) => Promise<boolean | null>;
  delete: (key: string, scope: string[]) => Promise<boolean>;
};

export function connectionCache(z: ZObject): ConnectionCache {
  // Core's typings omit the scope argument its runtime takes (src/tools/create-cache.js).
  const raw = z.cache as unknown as ScopedCache;
  const note = (what: string, key: string, err: unknown) =>
    z.console.log(`Cache ${what} failed for ${key}: ${messageOf(err)}`);
  const get = async <T>(key: string): Promise<T | null> => {
    try {
      return ((await raw.get(key, CONNECTION_SCOPE)) ?? null) as T | null;
    } catch (err) {
      note('read', key, err);
      return null;
    }
  };
  return {
    get,
    async set(key, value, ttlSeconds) {
      try {
        return (await raw.set(key, value, ttlSeconds, CONNECTION_SCOPE)) !== false;
      } catch (err) {
        note('write', key, err);
        return false;
      }
    },
    async delete(key) {
      try {
        return Boolean(await raw.delete(key, CONNECTION_SCOPE));
      } catch (err) {
        note('delete', key, err);
        return false;
      }
    },
    async claim(key, value, ttlSeconds) {
      let stored: boolean | null;
      try {
        stored = await raw.set(key, value, ttlSeconds, CONNECTION_SCOPE, true);
      } catch (err) {
        note('claim', key, err);
        return 'unsure';
      }
      if (stored !== false) return 'claimed';
      return (await get(key)) !== null ? 'taken' : 'unsure';
    },
  };
}

export const ONE_DAY_SECONDS = 24 * 60 * 60;
