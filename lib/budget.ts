/**
 * Zapier abandons a step at 30 s, and then no `catch` of ours runs: nothing is cleaned up and
 * the Zap history says only "timed out". So every outbound request gets a timeout that ends
 * inside the step's budget, counted from the step's first request, and a slow server becomes a
 * message that names it while there is still time to say so.
 */
export const STEP_BUDGET_MS = 25_000;
const MIN_REQUEST_MS = 1_000;

/** Tests shorten the budget instead of waiting 25 s for a server that never answers. */
function budgetMs(): number {
  const override = Number(process.env.STEP_BUDGET_MS);
  return Number.isFinite(override) && override > 0 ? override : STEP_BUDGET_MS;
}

/**
 * The one step deadline: the time by which a step that started at `started` begins nothing new
 * (a session scan stops 1 s sooner: scanDeadline, lib/sessions/scan.ts).
 */
export function stepDeadline(started: number): number {
  return started + budgetMs();
}

const firstRequestAt = new WeakMap<object, number>();

/** Milliseconds the next request of this step (one bundle) may take. */
export function requestTimeoutMs(step: object | undefined, now = Date.now()): number {
  const budget = budgetMs();
  if (!step) return budget;
  const started = firstRequestAt.get(step) ?? now;
  firstRequestAt.set(step, started);
  return Math.max(MIN_REQUEST_MS, budget - (now - started));
}

/**
 * A request that ran out of time: our budget's AbortSignal fired (node-fetch's AbortError), or a
 * request's own node-fetch `timeout`, before the headers or while reading the body.
 */
export function isTimeout(err: unknown): boolean {
  const { name, type } = (err ?? {}) as { name?: unknown; type?: unknown };
  return (
    name === 'AbortError' ||
    type === 'aborted' ||
    type === 'request-timeout' ||
    type === 'body-timeout'
  );
}

/** A URL fit to show: scheme, host and path; no query, fragment or credentials (they hold tokens). */
export function shownUrl(url: string | URL, max = 90): string {
  try {
    const { origin, pathname } = typeof url === 'string' ? new URL(url) : url;
    const text = `${origin}${pathname}`;
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
  } catch {
    return 'the remote server';
  }
}
