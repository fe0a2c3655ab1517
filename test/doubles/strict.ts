import type { WireCheck, WireRequest, Refusal } from './wire';

/**
 * Makes every nock interceptor for Stripe and Google a strict double: before an interceptor
 * answers, the request is checked against the provider's own rules (test/doubles/stripe,
 * test/doubles/google). A request the real service would refuse is answered as the service would
 * answer it (e.g. Stripe's 400 `parameter_invalid_integer`), and the test fails in `afterEach`
 * with the reason, whatever the code under test did with the error.
 *
 * A test that sends a refused request on purpose says so: `expectRefusals(work)` returns the
 * reasons instead of failing; `forgiving(work)` answers with the test's own reply.
 */

export interface Provider {
  name: string;
  origin: RegExp;
  check: WireCheck;
  /** Forgets what the double remembers between requests (e.g. idempotency keys): per test. */
  reset?: () => void;
}

type Mode = 'strict' | 'expect' | 'forgive';

const state = {
  providers: [] as Provider[],
  mode: 'strict' as Mode,
  violations: [] as string[],
  expected: [] as string[],
  checked: 0,
};

/** Where every strict check is counted: the conformance test reports it. */
export const strictStats = {
  get checked(): number {
    return state.checked;
  },
};

export function registerProvider(provider: Provider): void {
  if (!state.providers.some((p) => p.name === provider.name)) state.providers.push(provider);
}

/** The refusal a request would meet, or null (no provider rules this origin, or it passes). */
export function refusalFor(req: WireRequest): Refusal | null {
  const provider = state.providers.find((p) => p.origin.test(req.origin));
  if (!provider) return null;
  state.checked += 1;
  return provider.check(req);
}

type Playback = {
  replyFunction?: unknown;
  fullReplyFunction?: unknown;
  errorMessage?: unknown;
  statusCode?: number | null;
};
type NockRequest = {
  method?: string;
  path?: string;
  protocol?: string;
  host?: string;
  getHeaders(): Record<string, string | string[] | number | undefined>;
};

function wireRequest(req: NockRequest, basePath: unknown, body: string): WireRequest {
  const origin =
    typeof basePath === 'string'
      ? basePath.replace(/:(443|80)$/, '')
      : `${req.protocol ?? 'https:'}//${req.host ?? ''}`;
  const headers: WireRequest['headers'] = {};
  for (const [name, value] of Object.entries(req.getHeaders()))
    headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
  return { method: req.method ?? 'GET', origin, path: req.path ?? '/', headers, body };
}

/**
 * Answers this one playback with the refusal: nock reads the interceptor's reply right after it
 * emits 'request', synchronously, so the interceptor is swapped for the call and restored at once.
 */
function answerWith(interceptor: Playback, refusal: Refusal): void {
  const saved = {
    replyFunction: interceptor.replyFunction,
    fullReplyFunction: interceptor.fullReplyFunction,
    errorMessage: interceptor.errorMessage,
    statusCode: interceptor.statusCode,
  };
  interceptor.replyFunction = undefined;
  interceptor.errorMessage = undefined;
  interceptor.statusCode = null;
  interceptor.fullReplyFunction = () => {
    Object.assign(interceptor, saved);
    return [refusal.status, refusal.body, { 'Content-Type': 'application/json' }];
  };
}

/** Patches nock's Scope so each matched request passes the provider's check first. */
export function installStrictDoubles(scopeClass: { prototype: object }): void {
  const proto = scopeClass.prototype as {
    emit(event: string, ...args: unknown[]): boolean;
    basePath?: unknown;
    __strict?: boolean;
  };
  if (proto.__strict) return;
  proto.__strict = true;
  const emit = proto.emit;
  proto.emit = function (this: typeof proto, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const [req, interceptor, body] = args as [NockRequest, Playback, string | undefined];
      const refusal = refusalFor(wireRequest(req, this.basePath, body ?? ''));
      if (refusal && state.mode !== 'forgive') {
        (state.mode === 'expect' ? state.expected : state.violations).push(refusal.reason);
        answerWith(interceptor, refusal);
      }
    }
    return emit.call(this, event, ...args);
  };
}

async function inMode<T>(mode: Mode, work: () => Promise<T>): Promise<T> {
  const before = state.mode;
  state.mode = mode;
  try {
    return await work();
  } finally {
    state.mode = before;
  }
}

/** Runs `work` expecting refusals: returns them (and what `work` returned or threw). */
export async function expectRefusals<T>(
  work: () => Promise<T>,
): Promise<{ refusals: string[]; result?: T; error?: unknown }> {
  state.expected = [];
  try {
    const result = await inMode('expect', work);
    return { refusals: state.expected.splice(0), result };
  } catch (error) {
    return { refusals: state.expected.splice(0), error };
  }
}

/** Runs `work` with the tests' own replies answering even what the real service would refuse. */
export function forgiving<T>(work: () => Promise<T>): Promise<T> {
  return inMode('forgive', work);
}

/**
 * The refusals since the last call (the setup's `afterEach` fails the test on any); the
 * providers forget their state, as for a new test.
 */
export function takeViolations(): string[] {
  for (const provider of state.providers) provider.reset?.();
  return state.violations.splice(0);
}
