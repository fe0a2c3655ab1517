import nock from 'nock';
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../index';
import { OAUTH_SCOPE } from '../lib/connection/scopes';

export const appTester = createAppTester(App);

export const STRIPE_API = 'https://api.stripe.com';
export const SHEETS_HOST = 'https://sheets.googleapis.com';
export const GMAIL_HOST = 'https://gmail.googleapis.com';
export const GOOGLE_APIS = 'https://www.googleapis.com';
export const OAUTH_HOST = 'https://oauth2.googleapis.com';

export const TEST_SECRET_KEY = 'sk_test_51NfakeKeyForTestsOnly0000000000000000000000';

export const authData = {
  stripe_secret_key: TEST_SECRET_KEY,
  access_token: 'ya29.test-access-token',
  refresh_token: '1//test-refresh-token',
  scope: OAUTH_SCOPE,
};

type BundleOverrides = Partial<Omit<Bundle, 'meta' | 'authData'>> & {
  meta?: Partial<Bundle['meta']>;
  authData?: Record<string, string>;
};

/** A full bundle: createAppTester fills no defaults (bundle.meta is otherwise undefined). */
export function makeBundle(overrides: BundleOverrides = {}): Bundle {
  return {
    inputData: {},
    inputDataRaw: {},
    ...overrides,
    authData: { ...authData, ...(overrides.authData ?? {}) },
    meta: {
      isBulkRead: false,
      isFillingDynamicDropdown: false,
      isLoadingSample: false,
      isPopulatingDedupe: false,
      isTestingAuth: false,
      limit: -1,
      page: 0,
      timezone: null,
      inputFields: {},
      ...(overrides.meta ?? {}),
    },
  } as Bundle;
}

/**
 * Records every HTTP request that reached nock but matched no interceptor (loopback aside). With
 * no interceptors defined, "nothing was sent" means this stays empty.
 */
export function recordUnmatched(): { urls: string[]; stop: () => void } {
  const urls: string[] = [];
  const listener = (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
    const host = req.hostname ?? req.host ?? '';
    // The loopback stand-in for Zapier's runtime (test/runtime.ts) is not Stripe or Google.
    if (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return;
    urls.push(`${req.method ?? 'GET'} ${host}${req.path ?? ''}`);
  };
  nock.emitter.on('no match', listener);
  return { urls, stop: () => nock.emitter.removeListener('no match', listener) };
}

/** Counts requests answered by nock, per scope, for "calls per order" figures. */
export function countRequests(...scopes: nock.Scope[]): () => number {
  let count = 0;
  for (const scope of scopes) scope.on('request', () => (count += 1));
  return () => count;
}

type ValidationProblem = { property: string; message: string };
type AppHandler = (event: {
  command: 'validate';
  calledFromCli: boolean;
}) => Promise<{ results: ValidationProblem[] }>;

/** Zapier's own local schema validation (what `zapier-platform validate` runs offline). */
export async function validateApp(app: object): Promise<ValidationProblem[]> {
  const core = (await import('zapier-platform-core')) as unknown as {
    createAppHandler: (app: object) => AppHandler;
  };
  const { results } = await core.createAppHandler(app)({
    command: 'validate',
    calledFromCli: true,
  });
  return results;
}

export interface ZapierErrorInfo {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Unpacks a thrown z.errors.* (AppError and ThrottledError carry JSON in `.message`). */
export function zapierError(err: unknown): ZapierErrorInfo {
  if (!(err instanceof Error)) throw new Error(`not an error: ${String(err)}`);
  if (err.name === 'AppError' || err.name === 'ThrottledError') {
    const parsed = JSON.parse(err.message) as Omit<ZapierErrorInfo, 'name'>;
    return { name: err.name, ...parsed };
  }
  return { name: err.name, message: err.message };
}

/** Runs `work`, expects it to throw, and returns the unpacked Zapier error. */
export async function caught(work: () => Promise<unknown>): Promise<ZapierErrorInfo> {
  try {
    await work();
  } catch (err) {
    return zapierError(err);
  }
  throw new Error('expected an error, but none was thrown');
}

/** Runs `work`, expects a Zapier error, and returns it with every request that reached the wire. */
export async function refusedBeforeSending(
  work: () => Promise<unknown>,
): Promise<{ err: ZapierErrorInfo; sent: string[] }> {
  const unmatched = recordUnmatched();
  try {
    return { err: await caught(work), sent: unmatched.urls };
  } finally {
    unmatched.stop();
  }
}

type Perform = Parameters<typeof appTester>[0];

/**
 * The operation's `perform`, run through Zapier's app tester with this input (cache cleared on
 * request), on a connection with these extra fields (e.g. `stripe_account`).
 */
export function operationRunner(
  kind: 'triggers' | 'creates' | 'searches',
  key: string,
  clearCache = false,
  connection: Record<string, string> = {},
): (inputData?: Record<string, unknown>) => Promise<unknown> {
  const operations = App[kind] as unknown as Record<string, { operation: { perform: Perform } }>;
  const { perform } = operations[key].operation;
  return (inputData = {}) =>
    appTester(perform, makeBundle({ inputData, authData: connection }), clearCache);
}

/**
 * Checks a fixture loaded from JSON against a type with no extra keys: a misspelt or renamed field
 * fails the typecheck (`satisfies` checks excess keys only on object literals).
 */
export function exactly<T>() {
  return <S extends T>(value: S & Record<Exclude<keyof S, keyof T>, never>): S => value;
}
