import { header, type Refusal, type WireRequest } from '../wire';
import { notFound, oauthError } from './answers';
import { TOKENINFO_PATH, TOKEN_GRANTS, TOKEN_PATH, USERINFO_PATH } from './rules';

/**
 * Google's OAuth endpoints the app calls (rules.ts): `undefined` when the request is not for
 * one of them, else null (accepted) or Google's answer.
 */
export function checkOAuth(
  req: WireRequest,
  pathname: string,
  query: string,
): Refusal | null | undefined {
  const host = req.origin.replace(/^https?:\/\//, '');
  const method = req.method.toUpperCase();
  if (host === 'www.googleapis.com' && pathname.startsWith('/oauth2/')) {
    if (pathname !== USERINFO_PATH || !['GET', 'POST'].includes(method))
      return notFound(method, pathname);
    const auth = header(req, 'authorization') ?? '';
    return /^Bearer\s+\S+/i.test(auth) || new URLSearchParams(query).get('access_token')
      ? null
      : oauthError(401, 'invalid_request', 'Invalid Credentials');
  }
  if (host !== 'oauth2.googleapis.com') return undefined;
  if (pathname === TOKEN_PATH && method === 'POST') return tokenRefusal(req);
  if (pathname === TOKENINFO_PATH && ['GET', 'POST'].includes(method)) {
    const given = new URLSearchParams(query);
    for (const [k, v] of formOf(req) ?? []) given.append(k, v);
    return given.get('access_token') || given.get('id_token')
      ? null
      : oauthError(400, 'invalid_request', 'Either access_token or id_token is required.');
  }
  return notFound(method, pathname);
}

/** The form Google reads: form-encoded, or (also accepted by the token endpoint) a JSON object. */
function formOf(req: WireRequest): URLSearchParams | null {
  const type = header(req, 'content-type') ?? '';
  if (/^application\/x-www-form-urlencoded/i.test(type)) return new URLSearchParams(req.body);
  if (!/^application\/json/i.test(type)) return null;
  try {
    const parsed: unknown = JSON.parse(req.body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    return new URLSearchParams(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return null;
  }
}

function tokenRefusal(req: WireRequest): Refusal | null {
  const form = formOf(req);
  if (!form)
    return oauthError(
      400,
      'invalid_request',
      `Unsupported content type: ${header(req, 'content-type') ?? 'none'} (send application/x-www-form-urlencoded or JSON).`,
    );
  const grant = form.get('grant_type') ?? '';
  const needed = TOKEN_GRANTS[grant];
  if (!needed)
    return grant
      ? oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`)
      : oauthError(400, 'invalid_request', 'Required parameter is missing: grant_type');
  if (!form.get('client_id'))
    return oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
  const missing = needed.find((name) => !form.get(name));
  return missing
    ? oauthError(400, 'invalid_request', `Missing required parameter: ${missing}`)
    : null;
}
