import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as core from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import App from '../index';
import { makeBundle } from './helpers';

/**
 * A stand-in for Zapier's runtime where appTester is too forgiving. Operations run through core's
 * real Lambda handler, and `z.cache` goes through core's real RPC client to a loopback server
 * that behaves like Zapier's cache:
 * - keys are shared by every user of the integration unless scoped (`['user']`, `['auth']`);
 * - values expire after their TTL (on a clock the test moves);
 * - `nx` sets only an absent key, and `set` answers `false` both when `nx` loses and when the
 *   app's write rate limit is hit (`refuseWrites`).
 * `z.cursor` is kept per store key, as Zapier keeps it per Zap for paging.
 * Each run names who it runs for (user, connection); runs can be started late by moving the clock.
 */

type Scope = ('user' | 'auth')[] | null;
export interface Identity {
  user: string;
  auth: string;
}
interface Entry {
  value: string;
  expiresAt: number | null;
}
export interface CacheCall {
  method: 'get' | 'set' | 'delete';
  key: string;
  scope: Scope;
  identity: Identity;
  nx?: boolean | null;
  ttl?: number | null;
}

export class FakeZapierCache {
  private entries = new Map<string, Entry>();
  readonly calls: CacheCall[] = [];
  /** Seconds since the epoch, as the cache sees it. */
  nowSeconds = Math.floor(Date.now() / 1000);
  /** When true, every write answers `false` (Zapier's cache rate limit). */
  refuseWrites = false;
  /** Refuse only the writes whose key matches (null: use refuseWrites). */
  refuseWritesTo: RegExp | null = null;

  private slot(key: string, scope: Scope, who: Identity): string {
    const parts = [...(scope ?? [])].sort().map((s) => `${s}=${who[s]}`);
    return `${parts.join('&') || 'app-wide'}|${key}`;
  }

  private live(slot: string): Entry | undefined {
    const entry = this.entries.get(slot);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.nowSeconds) {
      this.entries.delete(slot);
      return undefined;
    }
    return entry;
  }

  get(key: string, scope: Scope, who: Identity): string | null {
    this.calls.push({ method: 'get', key, scope, identity: who });
    return this.live(this.slot(key, scope, who))?.value ?? null;
  }

  set(
    key: string,
    value: string,
    ttl: number | null,
    scope: Scope,
    nx: boolean | null,
    who: Identity,
  ): boolean {
    this.calls.push({ method: 'set', key, scope, identity: who, nx, ttl });
    if (this.refuseWrites || this.refuseWritesTo?.test(key)) return false;
    const slot = this.slot(key, scope, who);
    if (nx && this.live(slot)) return false;
    this.entries.set(slot, { value, expiresAt: ttl ? this.nowSeconds + ttl : null });
    return true;
  }

  delete(key: string, scope: Scope, who: Identity): boolean {
    this.calls.push({ method: 'delete', key, scope, identity: who });
    return this.entries.delete(this.slot(key, scope, who));
  }

  /** Keys currently held (scope slot included), for assertions. */
  keys(): string[] {
    return [...this.entries.keys()].filter((slot) => this.live(slot));
  }

  /** Whole seconds left before a key expires for this identity and scope (null: no TTL or absent). */
  ttlLeft(key: string, scope: Scope, who: Identity): number | null {
    const entry = this.live(this.slot(key, scope, who));
    return entry?.expiresAt ? entry.expiresAt - this.nowSeconds : null;
  }

  advance(seconds: number): void {
    this.nowSeconds += seconds;
  }
}

type RpcBody = { id: string; storeKey: string | null; method: string; params: unknown[] };

export interface RunOptions {
  identity?: Identity;
  /** Zapier's per-Zap store for `z.cursor` (dropdown and polling pages); one per method by default. */
  storeKey?: string;
  /** How late the run starts: the cache clock moves forward this many seconds first. */
  lateBySeconds?: number;
}

export class ZapierRuntime {
  readonly cache = new FakeZapierCache();
  /** `z.cursor` values, by the store key Zapier gives each Zap's paging. */
  readonly cursors = new Map<string, string>();
  /** Every `z.console.log` line and HTTP log line of every run. */
  readonly logs: string[] = [];
  private server?: http.Server;
  private base = '';
  // Core exports its Lambda handler factory at run time; its typings do not declare it.
  private handler = (
    core as unknown as {
      createAppHandler: (app: object) => (event: object) => Promise<{ results: unknown }>;
    }
  ).createAppHandler(App);
  private savedDeployKey: string | undefined;

  /**
   * Zapier runs an integration in many Lambda processes, and core's memory checker counts runs per
   * process (it ends one after 250 runs above 450 MB RSS). A long test moves on to a new process
   * as Zapier would: a fresh copy of core (its run count at zero), the same app, cache and stores.
   */
  newProcess(): void {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('zapier-platform-core') as typeof core;
      this.handler = (
        fresh as unknown as {
          createAppHandler: (app: object) => (event: object) => Promise<{ results: unknown }>;
        }
      ).createAppHandler(App);
    });
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const [, , user, auth] = (req.url ?? '').split('/');
        const who = { user: decodeURIComponent(user), auth: decodeURIComponent(auth) };
        const rpc = JSON.parse(body) as RpcBody;
        let result: unknown;
        try {
          result = this.answer(rpc, who);
        } catch (err) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: rpc.id, error: (err as Error).message }));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: rpc.id, result }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // Core's RPC client wants a token or a deploy key; the loopback server reads neither.
    this.savedDeployKey = process.env.ZAPIER_DEPLOY_KEY;
    process.env.ZAPIER_DEPLOY_KEY = 'loopback-runtime';
    return this;
  }

  async stop(): Promise<void> {
    if (this.savedDeployKey === undefined) delete process.env.ZAPIER_DEPLOY_KEY;
    else process.env.ZAPIER_DEPLOY_KEY = this.savedDeployKey;
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private answer(rpc: RpcBody, who: Identity): unknown {
    const [key, ...rest] = rpc.params as [string, ...unknown[]];
    switch (rpc.method) {
      case 'zcache_get':
        return this.cache.get(key, rest[0] as Scope, who);
      case 'zcache_set':
        return this.cache.set(
          key,
          rest[0] as string,
          rest[1] as number | null,
          rest[2] as Scope,
          rest[3] as boolean | null,
          who,
        );
      case 'zcache_delete':
        return this.cache.delete(key, rest[0] as Scope, who);
      case 'get_cursor':
        return this.cursors.get(String(rpc.storeKey)) ?? null;
      case 'set_cursor':
        this.cursors.set(String(rpc.storeKey), key);
        return null;
      default:
        throw new Error(`the loopback runtime does not serve ${rpc.method}`);
    }
  }

  /** Runs an operation method (`triggers.x.operation.perform`) as Zapier would. */
  async run<T = unknown>(
    method: string | ((z: ZObject, bundle: Bundle) => unknown),
    bundle: Bundle = makeBundle(),
    options: RunOptions = {},
  ): Promise<T> {
    const who = options.identity ?? { user: 'user-1', auth: 'auth-1' };
    if (options.lateBySeconds) this.cache.advance(options.lateBySeconds);
    const app = App as unknown as Record<string, unknown>;
    let path = method;
    if (typeof method === 'function') {
      app._testRequest = method;
      path = '_testRequest';
    }
    try {
      const out = await this.handler({
        command: 'execute',
        method: path,
        bundle,
        storeKey: options.storeKey ?? `${who.user}:${who.auth}:${path}`,
        rpc_base: `${this.base}/rpc/${encodeURIComponent(who.user)}/${encodeURIComponent(who.auth)}`,
        customLogger: (message: string) => this.logs.push(message),
      });
      return out.results as T;
    } finally {
      delete app._testRequest;
    }
  }
}

/** A runtime for one test file: started before its tests, stopped after. */
export function useRuntime(): () => ZapierRuntime {
  let runtime: ZapierRuntime | undefined;
  beforeEach(async () => {
    runtime = await new ZapierRuntime().start();
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
  });
  return () => {
    if (!runtime) throw new Error('useRuntime(): the runtime is only there inside a test');
    return runtime;
  };
}
