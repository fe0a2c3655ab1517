import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlidingWindowLimiter, type SlidingWindowLimiter } from '../lib/rate-limit';
import { checkStripeRequest, resetStripeDouble } from '../test/doubles/stripe/check';

/**
 * A loopback server that behaves like Stripe's API for benchmarks: per-request latency, rate limits
 * answering 429 as Stripe does, form-encoded bodies, JSON answers. Routes are supplied by each
 * benchmark. It only listens on 127.0.0.1 and stops when closed.
 *
 * Every request first passes the strict Stripe double's rules (test/doubles/stripe, derived from
 * the SDK's types): what Stripe would refuse is answered with Stripe's 400 and counted in
 * `stats.refused`, with the reason in `stats.reasons`.
 *
 * Limits count requests in ANY one-second window (a sliding window, stricter than a token bucket:
 * no burst above the rate is free), per endpoint and, when set, for the whole account.
 */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export type FakeAnswer = { status: number; body: unknown } | { drop: true };
export type FakeRoute = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer> | null;

export interface FakeStripeOptions {
  latencyMs: number;
  /** Requests per second per endpoint (method + path with ids replaced), as Stripe's default 25. */
  ratePerSecond: number;
  /** Requests per second for the whole account: live mode 100, test mode 25. None when unset. */
  accountRatePerSecond?: number;
  routes: FakeRoute[];
}

export interface FakeStripe {
  port: number;
  stats: {
    requests: number;
    throttled: number;
    /** 429s per endpoint (`GET /v1/events`), to see whose pacing met the limit. */
    throttledBy: Record<string, number>;
    refused: number;
    reasons: string[];
  };
  close(): Promise<void>;
}

const RATE_LIMITED = {
  error: {
    message:
      'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    type: 'invalid_request_error',
    code: 'rate_limit',
  },
};

function endpointOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/[a-z]+_[A-Za-z0-9_]+/g, '/:id')}`;
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const limiters = new Map<string, SlidingWindowLimiter>();
  const account = options.accountRatePerSecond
    ? createSlidingWindowLimiter(options.accountRatePerSecond)
    : null;
  const stats = {
    requests: 0,
    throttled: 0,
    throttledBy: {} as Record<string, number>,
    refused: 0,
    reasons: [] as string[],
  };
  resetStripeDouble();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests += 1;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks).toString('utf8');
      const fake: FakeRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        form: new URLSearchParams(body),
        headers: req.headers,
      };
      const refusal = checkStripeRequest({
        method,
        origin: 'https://api.stripe.com',
        path: req.url ?? '/',
        headers: req.headers,
        body,
      });
      const endpoint = endpointOf(method, url.pathname);
      let limiter = limiters.get(endpoint);
      if (!limiter)
        limiters.set(endpoint, (limiter = createSlidingWindowLimiter(options.ratePerSecond)));
      // Both must have room; a refused request is counted by neither.
      const admitted =
        limiter.waitMs() === 0 && (!account || account.tryTake()) && limiter.tryTake();
      setTimeout(async () => {
        if (!admitted) {
          stats.throttled += 1;
          stats.throttledBy[endpoint] = (stats.throttledBy[endpoint] ?? 0) + 1;
          return send(res, 429, RATE_LIMITED);
        }
        if (refusal) {
          stats.refused += 1;
          if (stats.reasons.length < 5) stats.reasons.push(refusal.reason);
          return send(res, refusal.status, refusal.body);
        }
        let answer: FakeAnswer | null = null;
        for (const route of options.routes) {
          answer = await route(fake);
          if (answer) break;
        }
        if (!answer)
          return send(res, 404, {
            error: {
              type: 'invalid_request_error',
              message: `Unrecognized request URL (${method}: ${url.pathname}).`,
            },
          });
        if ('drop' in answer) return res.destroy();
        send(res, answer.status, answer.body);
      }, options.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Request-Id': `req_fake${Date.now()}`,
  });
  res.end(text);
}
