import { header, splitPath, type Refusal, type WireCheck, type WireRequest } from '../wire';
import { parsesAsA1 } from './a1';
import { invalidArgument, notFound, snake, unauthenticated } from './answers';
import { objectProblems } from './body';
import { checkOAuth } from './oauth';
import { BODY_FIELDS, ENUM_TYPES, GMAIL_MEDIA_TYPE, SERVER_REQUIRED, UPLOAD_TYPES } from './rules';
import { APIS, baseType, enumOf, routeOf, type Api, type FieldType, type Route } from './spec';

/**
 * The strict double for Google's Sheets v4 and Gmail v1 REST APIs and the OAuth endpoints the app
 * calls: null when Google would accept the request, else Google's answer. The rules come from
 * spec.json (derived from Google's generated clients) and rules.ts (documented, with sources).
 */
export const checkGoogleRequest: WireCheck = (req) => {
  const { pathname, query } = splitPath(req.path);
  const oauth = checkOAuth(req, pathname, query);
  if (oauth !== undefined) return oauth;
  const api = apiFor(req.origin, pathname);
  if (!api) return null;
  const route = routeOf(api, req.method.toUpperCase(), pathname);
  if (!route) return notFound(req.method.toUpperCase(), pathname);
  const params = new URLSearchParams(query);
  if (!bearer(req) && !params.get('access_token') && !params.get('oauth_token'))
    return unauthenticated();
  return (
    queryRefusal(route, params) ??
    pathRefusal(route, params) ??
    (route.upload ? uploadRefusal(route, req, params) : bodyRefusal(route, req))
  );
};

function apiFor(origin: string, pathname: string): Api | null {
  const host = origin.replace(/^https?:\/\//, '');
  if (host === 'sheets.googleapis.com') return APIS.sheets;
  if (host === 'gmail.googleapis.com') return APIS.gmail;
  // www.googleapis.com serves Gmail under the same paths; its other paths are not ours.
  if (host === 'www.googleapis.com' && /^\/(upload\/)?gmail\//.test(pathname)) return APIS.gmail;
  return null;
}

function bearer(req: WireRequest): boolean {
  return /^Bearer\s+\S+/i.test(header(req, 'authorization') ?? '');
}

function valueProblem(name: string, type: FieldType, value: string): string | null {
  const field = snake(name);
  const values = enumOf(type);
  if (values && !values.includes(value)) {
    const kind = ENUM_TYPES[name] ? `type.googleapis.com/${ENUM_TYPES[name]}` : 'TYPE_ENUM';
    return `Invalid value at '${field}' (${kind}), "${value}"`;
  }
  const base = baseType(type);
  if (base === 'boolean' && value !== 'true' && value !== 'false')
    return `Invalid value at '${field}' (TYPE_BOOL), "${value}"`;
  if (base === 'integer' && !/^-?\d+$/.test(value))
    return `Invalid value at '${field}' (TYPE_INT32), "${value}"`;
  return null;
}

function queryRefusal(route: Route, params: URLSearchParams): Refusal | null {
  const { api, method } = route;
  for (const [name, value] of params) {
    const type =
      method.query[name] ??
      api.standard[name] ??
      (method.pathParams.includes(name) ? 'string' : undefined);
    if (type === undefined)
      return invalidArgument(
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      );
    const problem = valueProblem(name, type, value);
    if (problem) return invalidArgument(problem, snake(name));
  }
  const missing = [
    ...method.required.filter((n) => !(n in route.params) && !params.get(n)),
    ...(SERVER_REQUIRED[route.id] ?? [])
      .filter((r) => r.where === 'query' && !params.get(r.name))
      .map((r) => r.name),
  ];
  return missing.length
    ? invalidArgument(`'${missing[0]}' is required but not specified`, missing[0])
    : null;
}

/** Sheets ranges, in the path and in `ranges=`, must be A1 notation Sheets can parse. */
function pathRefusal(route: Route, params: URLSearchParams): Refusal | null {
  if (route.api !== APIS.sheets) return null;
  const ranges = [...(route.params.range ? [route.params.range] : []), ...params.getAll('ranges')];
  const bad = ranges.find((r) => !parsesAsA1(r));
  return bad === undefined ? null : invalidArgument(`Unable to parse range: ${bad}`, 'range');
}

const NO_MESSAGE =
  "'raw' RFC822 payload message string or uploading message via /upload/* URL required";

function uploadRefusal(route: Route, req: WireRequest, params: URLSearchParams): Refusal | null {
  const uploadType = params.get('uploadType');
  if (!uploadType || !UPLOAD_TYPES.includes(uploadType))
    return invalidArgument(
      `Invalid uploadType: "${uploadType ?? ''}" (one of ${UPLOAD_TYPES.join(', ')} on an /upload/ URL).`,
      'upload_type',
    );
  if (uploadType !== 'media') return null;
  const type = header(req, 'content-type') ?? '';
  if (route.api === APIS.gmail && !GMAIL_MEDIA_TYPE.test(type))
    return invalidArgument(
      `Media type '${type || 'none'}' is not supported. Valid media types: [message/*]`,
    );
  return req.body.length === 0 ? invalidArgument(NO_MESSAGE) : null;
}

function bodyRefusal(route: Route, req: WireRequest): Refusal | null {
  const schema = route.method.body;
  if (!schema) return null;
  let body: unknown = {};
  if (req.body.trim() !== '') {
    try {
      body = JSON.parse(req.body);
    } catch {
      return invalidArgument(
        `Invalid JSON payload received. Unexpected token.\n${req.body.slice(0, 40)}\n^`,
      );
    }
  }
  const path = BODY_FIELDS[schema] ?? '';
  const problems = objectProblems(route.api, schema, body, path);
  if (problems.length)
    return invalidArgument(problems.map((p) => p.message).join('\n'), problems[0].field);
  const record = body as Record<string, unknown>;
  const missing = (SERVER_REQUIRED[route.id] ?? []).find(
    (r) => r.where === 'body' && (record[r.name] === undefined || record[r.name] === null),
  );
  if (missing)
    return invalidArgument(`'${missing.name}' is required but not specified`, missing.name);
  if (route.id === 'users.messages.send') return rawRefusal(record.raw);
  return null;
}

/** A message's `raw` is the RFC 822 message, base64 (URL-safe or not: proto3 JSON reads both). */
function rawRefusal(raw: unknown): Refusal | null {
  if (typeof raw !== 'string' || raw === '') return invalidArgument(NO_MESSAGE);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw))
    return invalidArgument(
      `Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed for "${raw.slice(0, 40)}"`,
      'message.raw',
    );
  return null;
}
