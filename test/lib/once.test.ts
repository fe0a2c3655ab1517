import type { ZObject } from 'zapier-platform-core';
import { claimOnce } from '../../lib/once';
import { appTester, makeBundle } from '../helpers';

describe('claimOnce', () => {
  it('is true the first time a key is claimed and false after', async () => {
    const results = await appTester(
      async (z: ZObject) => [
        await claimOnce(z, 'k1'),
        await claimOnce(z, 'k1'),
        await claimOnce(z, 'k2'),
      ],
      makeBundle(),
    );
    expect(results).toEqual([true, false, true]);
  });

  it('sets the key with a TTL and only-if-absent', async () => {
    const calls: unknown[][] = [];
    const z = {
      cache: { get: async () => null, set: async (...args: unknown[]) => (calls.push(args), true) },
    } as unknown as ZObject;
    expect(await claimOnce(z, 'evt_1', 3600)).toBe(true);
    expect(calls[0]).toEqual(['evt_1', expect.any(Number), 3600, null, true]);
  });

  it('loses the race when the cache says the key was set meanwhile', async () => {
    const z = { cache: { get: async () => null, set: async () => false } } as unknown as ZObject;
    expect(await claimOnce(z, 'evt_1')).toBe(false);
  });
});
