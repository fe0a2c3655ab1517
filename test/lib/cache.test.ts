import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZObject } from 'zapier-platform-core';
import { CONNECTION_SCOPE, connectionCache, ONE_DAY_SECONDS } from '../../lib/cache';
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
    const logs = runtime().logs.join('\n');
    expect(logs).toMatch(/Cache read failed for k: RPC request failed/);
    expect(logs).toMatch(/Cache write failed for k: RPC request failed/);
    expect(logs).toMatch(/Cache claim failed for k: RPC request failed/);
  });

  it('reports a delete that errors as false, and logs it', async () => {
    const deleted = await runtime().run((z: ZObject) =>
      connectionCache({
        ...z,
        cache: {
          delete: async () => {
            throw new Error('RPC request failed after 3 attempts');
          },
        },
      } as unknown as ZObject).delete('gone'),
    );
    expect(deleted).toBe(false);
    expect(runtime().logs.join('\n')).toMatch(/Cache delete failed for gone: RPC request failed/);
  });

  it('reports a delete that worked as true', async () => {
    const deleted = await runtime().run(async (z: ZObject) => {
      const cache = connectionCache(z);
      await cache.set('k', 'v', 60);
      return [await cache.delete('k'), await cache.get('k')];
    });
    expect(deleted).toEqual([true, null]);
  });
});

describe('time to live', () => {
  it('one day is 86,400 seconds', () => expect(ONE_DAY_SECONDS).toBe(86_400));

  it('a value kept for one day is there after 23 h 59 min and gone after 24 h', async () => {
    await runtime().run((z: ZObject) => connectionCache(z).set('day', 'v', ONE_DAY_SECONDS));
    const get = (lateBySeconds: number) =>
      runtime().run((z: ZObject) => connectionCache(z).get('day'), undefined, { lateBySeconds });
    expect(await get(ONE_DAY_SECONDS - 60)).toBe('v');
    expect(await get(61)).toBeNull();
  });
});

describe('one door to the cache', () => {
  it('no code but lib/cache.ts touches z.cache', () => {
    // The files git tracks, so a tool's copy of the tree (Stryker's sandbox, a build) is not read
    // twice; from the top of the work tree, so a test run inside such a copy checks the real one.
    const git = (args: string[], cwd: string) =>
      execFileSync('git', args, { cwd, encoding: 'utf8' });
    const top = git(['rev-parse', '--show-toplevel'], join(__dirname, '..', '..')).trim();
    const tracked = git(['ls-files', '-z', '--', '*.ts'], top).split('\0').filter(Boolean);
    const offenders = tracked.filter(
      (path) =>
        !path.startsWith('test/') && /\bz\.cache\b/.test(readFileSync(join(top, path), 'utf8')),
    );
    expect(tracked).toContain('lib/cache.ts');
    expect(offenders).toEqual(['lib/cache.ts']);
  });
});
