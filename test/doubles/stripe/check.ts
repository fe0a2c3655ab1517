import { header, splitPath, type Refusal, type WireRequest } from '../wire';
import { parseForm, type FormNode } from './form';
import { findEndpoint, stripeSpec, type Endpoint, type ObjectNode, type SpecNode } from './spec';

/**
 * The strict Stripe double's rules: a request the real API would refuse is answered as Stripe
 * answers it (status, `error.type`, `code`, `param`, message). Parameter rules come from the
 * pinned SDK's generated types (spec.json, scripts/derive-stripe-spec.js); the header rules and
 * list semantics are Stripe's documented behaviour. Rules marked "house rule" are ours, not
 * Stripe's: Stripe would accept the request, but our code must not send it.
 */

type StripeError = { type: string; message: string; code?: string; param?: string };

function refuse(status: number, error: StripeError): Refusal {
  const where = error.param ? ` (${error.param})` : '';
  return {
    status,
    body: { error: { ...error, doc_url: error.code ? docUrl(error.code) : undefined } },
    reason: `Stripe ${status} ${error.code ?? error.type}${where}: ${error.message}`,
  };
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

const invalid = (message: string, code?: string, param?: string): Refusal =>
  refuse(400, { type: 'invalid_request_error', message, code, param });

/**
 * POSTs that move money: each must carry an Idempotency-Key of ours, derived from what the user
 * asked (a retried Zap step must find the first attempt), not the SDK's random default. House rule.
 */
const MONEY_MOVING = [
  /^\/v1\/refunds$/,
  /^\/v1\/refunds\/[^/]+\/cancel$/,
  /^\/v1\/payment_intents\/[^/]+\/(capture|confirm)$/,
  /^\/v1\/charges\/[^/]+\/capture$/,
  /^\/v1\/(transfers|payouts)$/,
  /^\/v1\/transfers\/[^/]+\/reversals$/,
];
/** stripe-node's own key when the caller gives none (RequestSender: `stripe-node-retry-<uuid>`). */
const SDK_DEFAULT_KEY = /^stripe-node-retry-/;
/** Stripe refuses a `Stripe-Account` header here: Connect endpoints live on the platform. */
const PLATFORM_ONLY = /^\/v1\/webhook_endpoints(\/[^/]+)?$/;

const seenKeys = new Map<string, string>();

/** Forgets idempotency keys (per test; Stripe keeps them 24 hours). */
export function resetStripeDouble(): void {
  seenKeys.clear();
}

export function checkStripeRequest(req: WireRequest): Refusal | null {
  const { pathname, query } = splitPath(req.path);
  const spec = stripeSpec();
  const auth = header(req, 'authorization') ?? '';
  if (!/^Bearer (sk|rk)_(test|live)_\S+$/.test(auth))
    return refuse(401, {
      type: 'invalid_request_error',
      message:
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
    });
  const version = header(req, 'stripe-version');
  if (version !== spec.apiVersion)
    return invalid(
      version
        ? `Invalid Stripe API version: ${version}`
        : `house rule: no Stripe-Version header (the account's default would shape the answer, not ${spec.apiVersion})`,
    );
  const { endpoint, pathExists } = findEndpoint(req.method, pathname);
  if (!endpoint)
    return refuse(pathExists ? 405 : 404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  const account = header(req, 'stripe-account');
  if (account !== undefined && !/^acct_[A-Za-z0-9]+$/.test(account))
    return refuse(403, {
      type: 'invalid_request_error',
      code: 'account_invalid',
      message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
    });
  if (account && PLATFORM_ONLY.test(pathname))
    return invalid(
      'Webhook endpoints cannot be managed with a Stripe-Account header: create a Connect endpoint (connect=true) on the platform account instead.',
    );
  if (account && req.method === 'GET' && pathname === '/v1/accounts')
    return refuse(403, {
      type: 'invalid_request_error',
      message:
        'Only Stripe Connect platforms can work with other accounts (the list of connected accounts is asked with a Stripe-Account header).',
    });
  const body = req.method === 'GET' || req.method === 'DELETE' ? query : req.body;
  if ((req.method === 'GET' || req.method === 'DELETE') && req.body)
    return invalid(`house rule: a ${req.method} request with a body (${req.body.slice(0, 60)})`);
  const form = req.method === 'POST' && query ? `${query}&${body}` : body;
  const problem = endpointParams(endpoint, form) ?? expansionDepth(form);
  if (problem) return problem;
  if (
    account &&
    pathname === '/v1/payment_links' &&
    [...new URLSearchParams(form).keys()].some((k) => k.startsWith('transfer_data['))
  )
    return invalid(
      'house rule: a destination-charge payment link (transfer_data) made with a Stripe-Account header: destination charges are created on the platform',
    );
  return idempotencyRules(req, pathname, auth, account);
}

function endpointParams(endpoint: Endpoint, form: string): Refusal | null {
  const { root, malformed } = parseForm(form);
  if (malformed.length) return invalid(`Invalid parameter name: ${malformed[0]}`);
  return checkParams(root, endpoint.params, stripeSpec().defs) ?? listRules(root, endpoint.op);
}

/**
 * The parameter rules alone (types, names, enums, required, list semantics) for one endpoint,
 * for stand-ins that are handed a query rather than a request (bench/fake-session-list.ts).
 */
export function checkStripeParams(method: string, pathname: string, form: string): Refusal | null {
  const { endpoint } = findEndpoint(method, pathname);
  if (!endpoint) throw new Error(`strict Stripe double: no endpoint ${method} ${pathname}`);
  return endpointParams(endpoint, form);
}

function idempotencyRules(
  req: WireRequest,
  pathname: string,
  auth: string,
  account: string | undefined,
): Refusal | null {
  const key = header(req, 'idempotency-key');
  if (req.method === 'POST' && MONEY_MOVING.some((p) => p.test(pathname))) {
    if (!key || SDK_DEFAULT_KEY.test(key))
      return invalid(
        `house rule: POST ${pathname} moves money and needs an Idempotency-Key derived from the request (got ${key ? "the SDK's random key" : 'none'})`,
        'idempotency_key_missing',
      );
  }
  if (!key || req.method !== 'POST') return null;
  if (key.length > 255)
    return invalid(
      `Invalid idempotency key: must be at most 255 characters (got ${key.length}).`,
      undefined,
      'Idempotency-Key',
    );
  const slot = `${auth}|${account ?? ''}|${key}`;
  const request = `${req.method} ${req.path} ${req.body}`;
  const first = seenKeys.get(slot);
  if (first === undefined) seenKeys.set(slot, request);
  else if (first !== request)
    return refuse(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  return null;
}

/** Stripe expands at most four levels (its docs: `data.source.customer.default_source` is the deepest). */
function expansionDepth(form: string): Refusal | null {
  for (const [key, value] of new URLSearchParams(form))
    if (/^expand(\[\d*\])?$/.test(key) && value.split('.').length > 4)
      return invalid(
        `You cannot expand more than 4 levels of a property. Property: ${value}`,
        undefined,
        'expand',
      );
  return null;
}

/** Stripe's list semantics beyond the types: `limit` 1–100, one cursor at a time. */
function listRules(root: FormNode, op: string): Refusal | null {
  if (!/\.(list\w*|search)$/.test(op)) return null;
  const limit = root.children.get('limit')?.value;
  if (limit !== undefined && (Number(limit) < 1 || Number(limit) > 100))
    return invalid(
      Number(limit) < 1
        ? 'This value must be greater than or equal to 1.'
        : `This value must be less than or equal to 100 (it currently is '${limit}').`,
      'parameter_invalid_integer',
      'limit',
    );
  if (root.children.has('starting_after') && root.children.has('ending_before'))
    return invalid(
      'You may only specify one of these parameters: ending_before, starting_after.',
      'parameters_exclusive',
      'ending_before',
    );
  return null;
}

type Defs = Record<string, ObjectNode>;

/** Checks the request's parameters against the endpoint's schema; the first problem, as Stripe. */
export function checkParams(root: FormNode, params: SpecNode | null, defs: Defs): Refusal | null {
  if (params === null) {
    const first = [...root.children.values()][0];
    return first
      ? invalid(`Received unknown parameter: ${first.name}`, 'parameter_unknown', first.name)
      : null;
  }
  return checkNode(root, params, defs, true);
}

function resolve(node: SpecNode, defs: Defs): SpecNode {
  return typeof node === 'object' && 'ref' in node ? defs[node.ref] : node;
}

function isLeaf(node: FormNode): boolean {
  return node.children.size === 0;
}

/** Whether a node would be accepted as `schema`, without building Stripe's message. */
function accepts(node: FormNode, schema: SpecNode, defs: Defs): boolean {
  return checkNode(node, schema, defs, false) === null;
}

function checkNode(node: FormNode, raw: SpecNode, defs: Defs, top = false): Refusal | null {
  const schema = resolve(raw, defs);
  const name = node.name;
  if (typeof schema === 'string') {
    if (!isLeaf(node))
      return invalid(
        `Invalid ${name}: expected a single value, got a hash or array`,
        undefined,
        name,
      );
    return scalar(node.value ?? '', schema, name);
  }
  if ('u' in schema) {
    const fits = schema.u.find((alt) => accepts(node, alt, defs));
    if (fits !== undefined) return null;
    // Report as the alternative of the same shape would (a value → the scalar, keys → the hash).
    const shaped =
      schema.u.find((alt) => isLeaf(node) === isScalar(resolve(alt, defs)) && alt !== '') ??
      schema.u[0];
    if (isLeaf(node) && node.value === '' && !schema.u.includes('')) return emptyRefused(name);
    return checkNode(node, shaped, defs);
  }
  if ('e' in schema) {
    if (!isLeaf(node)) return invalid(`Invalid ${name}: expected a string`, undefined, name);
    if (node.value === '') return emptyRefused(name);
    if (schema.e.includes(node.value ?? '')) return null;
    return invalid(`Invalid ${name}: must be one of ${oneOf(schema.e)}`, undefined, name);
  }
  if ('a' in schema) {
    if (isLeaf(node)) return invalid(`Invalid array`, 'parameter_invalid_array', name);
    for (const [index, child] of node.children) {
      if (!/^\d+$/.test(index))
        return invalid(`Invalid array: ${child.name} is not an index`, undefined, name);
      const problem = checkNode(child, schema.a, defs);
      if (problem) return problem;
    }
    return null;
  }
  if ('ref' in schema) throw new Error(`strict Stripe double: unresolved ${schema.ref}`);
  if (isLeaf(node) && !top)
    return node.value === ''
      ? emptyRefused(name)
      : invalid(`Invalid object`, 'parameter_invalid_object', name);
  for (const [key, child] of node.children) {
    const childSchema = schema.o[key] ?? schema.m;
    if (childSchema === undefined)
      return invalid(`Received unknown parameter: ${child.name}`, 'parameter_unknown', child.name);
    const problem = checkNode(child, childSchema, defs);
    if (problem) return problem;
  }
  for (const required of schema.r ?? []) {
    if (!node.children.has(required)) {
      const param = top ? required : `${name}[${required}]`;
      return invalid(`Missing required param: ${param}.`, 'parameter_missing', param);
    }
  }
  return null;
}

function isScalar(schema: SpecNode): boolean {
  return typeof schema === 'string' || 'e' in schema;
}

function scalar(value: string, kind: SpecNode & string, name: string): Refusal | null {
  if (kind === 'x') return null;
  if (kind === '') return value === '' ? null : invalid(`Invalid ${name}`, undefined, name);
  if (value === '') return emptyRefused(name);
  switch (kind) {
    case 's':
      return null;
    case 'i':
      return /^-?\d+$/.test(value)
        ? null
        : invalid(`Invalid integer: ${value}`, 'parameter_invalid_integer', name);
    case 'f':
    case 'd':
      return /^-?\d+(\.\d+)?$/.test(value)
        ? null
        : invalid(`Invalid decimal: ${value}`, undefined, name);
    case 'b':
      return value === 'true' || value === 'false'
        ? null
        : invalid(`Invalid boolean: ${value}`, undefined, name);
    default:
      return null;
  }
}

function emptyRefused(name: string): Refusal {
  return invalid(
    `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
    'parameter_invalid_empty',
    name,
  );
}

function oneOf(values: string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}
