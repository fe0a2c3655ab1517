import fs from 'node:fs';
import path from 'node:path';

/** Nodes of spec.json (scripts/derive-stripe-spec.js explains them). */
export type SpecNode =
  | 's'
  | 'i'
  | 'f'
  | 'd'
  | 'b'
  | 'x'
  | ''
  | { e: string[] }
  | { a: SpecNode }
  | { u: SpecNode[] }
  | { o: Record<string, SpecNode>; r?: string[]; m?: SpecNode }
  | { ref: string };

export type ObjectNode = { o: Record<string, SpecNode>; r?: string[]; m?: SpecNode };

export interface Endpoint {
  method: string;
  path: string;
  op: string;
  params: SpecNode | null;
}

export interface StripeSpec {
  sdk: string;
  apiVersion: string;
  decimalNumbers: Record<string, string>;
  endpoints: Endpoint[];
  defs: Record<string, ObjectNode>;
}

let loaded: StripeSpec | undefined;

/**
 * The committed spec (test/doubles/stripe/spec.json). Read at run time rather than imported, so
 * the typechecker does not infer a type for a megabyte of JSON, and found from the compiled bench
 * (dist/test/doubles/stripe) as well as from the source.
 */
export function stripeSpec(): StripeSpec {
  if (loaded) return loaded;
  const candidates = [
    path.join(__dirname, 'spec.json'),
    path.join(__dirname, '../../../../test/doubles/stripe/spec.json'),
  ];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`strict Stripe double: no spec.json in ${candidates.join(' or ')}`);
  loaded = JSON.parse(fs.readFileSync(file, 'utf8')) as StripeSpec;
  return loaded;
}

type Route = { endpoint: Endpoint; segments: string[]; literals: number };
let routes: Route[] | undefined;

/** The endpoint a method and path name, literal segments first (`/v1/customers/search`). */
export function findEndpoint(
  method: string,
  pathname: string,
): { endpoint: Endpoint | null; pathExists: boolean } {
  routes ??= stripeSpec()
    .endpoints.map((endpoint) => {
      const segments = endpoint.path.split('/');
      return { endpoint, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals);
  const parts = pathname.split('/');
  const matching = routes.filter(
    (r) =>
      r.segments.length === parts.length &&
      r.segments.every((s, i) => (s.startsWith('{') ? parts[i] !== '' : s === parts[i])),
  );
  const exact = matching.find((r) => r.endpoint.method === method);
  return { endpoint: exact?.endpoint ?? null, pathExists: matching.length > 0 };
}
