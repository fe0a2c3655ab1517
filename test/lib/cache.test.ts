import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ZObject } from 'zapier-platform-core';
import { CONNECTION_SCOPE, connectionCache } from '../../lib/cache';
import { useRuntime } from '../runtime';

const runtime = useRuntime();
const alice = { user: 'user-alice', auth: 'auth-alice' };
const bob = { user: 'user-bob', auth: 'auth-bob' };

describe('connectionCache in Zapier’s runtime (scoped, TTL, nx, rate limited)', () => {
  it('keeps one connection’s values from every other customer of the integration', async () => {
    await runtime().run((z: ZObject) => connectionCache(z).set('k', 'alice’s', 60), undefined, {
      identity: alice,
    });
    const seenByBob = await runtime().run((z: ZObject) => connectionCache(z).get('k'), undefined, {
      identity: bob,
    });
    const seenByAlice = await runtime().run(
      (z: ZObject) => connectionCache(z).get('k'),
      undefined,
      { identity: alice },
    );
    expect(seenByBob).toBeNull();
    expect(seenByAlice).toBe('alice’s');
  });

  it('scopes every call it makes to the user and the connection', async () => {
    await runtime().run(async (z: ZObject) => {
      const cache = connectionCache(z);
      await cache.set('a', 1, 60);
      await cache.get('a');
      await cache.claim('b', 1, 60);
      await cache.delete('a');
    });
    expect(runtime().cache.calls.length).toBeGreaterThanOrEqual(4);
    for (const call of runtime().cache.calls) expect(call.scope).toEqual(CONNECTION_SCOPE);
  });

  it('forgets a value when its TTL has passed', async () => {
    await runtime().run((z: ZObject) => connectionCache(z).set('short', 'v', 30));
    const before = await runtime().run((z: ZObject) => connectionCache(z).get('short'), undefined, {
      lateBySeconds: 29,
    });
    const after = await runtime().run((z: ZObject) => connectionCache(z).get('short'), undefined, {
      lateBySeconds: 2,
    });
    expect([before, after]).toEqual(['v', null]);
  });

  it('claims a key once: claimed, then taken', async () => {
    const claims = await runtime().run(async (z: ZObject) => {
      const cache = connectionCache(z);
      return [await cache.claim('once', 1, 60), await cache.claim('once', 1, 60)];
    });
    expect(claims).toEqual(['claimed', 'taken']);
  });

  it('calls a refused claim "unsure", not "taken", when the key is not really there', async () => {
    runtime().cache.refuseWrites = true;
    const claim = await runtime().run((z: ZObject) => connectionCache(z).claim('once', 1, 60));
    expect(claim).toBe('unsure');
  });

  it('reports a refused write as false instead of failing the step', async () => {
    runtime().cache.refuseWrites = true;
    const stored = await runtime().run((z: ZObject) => connectionCache(z).set('k', 'v', 60));
    expect(stored).toBe(false);
  });

  it('treats a cache that errors as a miss, and logs it', async () => {
    const result = await runtime().run(async (z: ZObject) => {
      const broken = {
        ...z,
        cache: {
          get: async () => {
            throw new Error('RPC request failed after 3 attempts');
          },
          set: async () => {
            throw new Error('RPC request failed after 3 attempts');
          },
          delete: async () => false,
        },
      } as unknown as ZObject;
      const cache = connectionCache(broken);
      return [await cache.get('k'), await cache.set('k', 1, 60), await cache.claim('k', 1, 60)];
    });
    expect(result).toEqual([null, false, 'unsure']);
    expect(runtime().logs.join('\n')).toMatch(/Cache read failed for k: RPC request failed/);
  });
});

describe('one door to the cache', () => {
  it('no code but lib/cache.ts touches z.cache', () => {
    const root = join(__dirname, '..', '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (['node_modules', 'dist', 'build', 'test', '.git'].includes(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && /\bz\.cache\b/.test(readFileSync(path, 'utf8')))
          offenders.push(relative(root, path));
      }
    };
    walk(root);
    expect(offenders).toEqual(['lib/cache.ts']);
  });
});
