/**
 * One HTTP request as it reached the wire, as the strict doubles see it (nock in tests, the
 * loopback fakes in benches). Header names are lower-case; `body` is the raw body text.
 */
export interface WireRequest {
  method: string;
  /** Origin, e.g. `https://api.stripe.com`. */
  origin: string;
  /** Path with the query string, e.g. `/v1/checkout/sessions?limit=100`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Why a real provider would refuse a request: the status and the error body it would answer
 * with, and a one-line reason for the test's failure message.
 */
export interface Refusal {
  status: number;
  body: unknown;
  /** e.g. `parameter_invalid_integer created[gte]=1795589699.05`. */
  reason: string;
}

/** A provider's rules: null when the real service would accept the request. */
export type WireCheck = (req: WireRequest) => Refusal | null;

export function header(req: WireRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function splitPath(path: string): { pathname: string; query: string } {
  const at = path.indexOf('?');
  return at < 0
    ? { pathname: path, query: '' }
    : { pathname: path.slice(0, at), query: path.slice(at + 1) };
}
