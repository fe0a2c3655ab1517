import spec from './spec.json';

/**
 * The rules derived from Google's generated definitions (scripts/derive-google-spec.js). Types:
 * `string`, `integer`, `number`, `boolean`, `string[]`, `any[]`, `@Schema`, `@Schema[]`,
 * `{}@Schema` (a map of Schema) or `{}`; an enum is `{ type, enum }`.
 */
export type FieldType = string | { type: string; enum: string[] };

export interface Method {
  method: string;
  path: string;
  mediaPath?: string;
  required: string[];
  pathParams: string[];
  query: Record<string, FieldType>;
  body?: string;
}

export interface Api {
  origin: string;
  standard: Record<string, FieldType>;
  methods: Record<string, Method>;
  schemas: Record<string, Record<string, FieldType>>;
}

export const APIS = spec.apis as unknown as Record<string, Api>;

export interface Route {
  api: Api;
  id: string;
  method: Method;
  upload: boolean;
  params: Record<string, string>;
}

interface Template {
  id: string;
  upload: boolean;
  regex: RegExp;
  names: string[];
  literal: number;
}

function compile(id: string, template: string, upload: boolean): Template {
  const names: string[] = [];
  let source = '';
  let literal = 0;
  for (const part of template.split(/(\{\+?[A-Za-z]+\})/)) {
    const param = /^\{(\+?)([A-Za-z]+)\}$/.exec(part);
    if (param) {
      names.push(param[2]);
      source += param[1] ? '(.+)' : '([^/]+)';
    } else {
      literal += part.length;
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return { id, upload, regex: new RegExp(`^${source}$`), names, literal };
}

const templates = new Map<Api, Template[]>();

function templatesOf(api: Api): Template[] {
  let list = templates.get(api);
  if (!list) {
    list = Object.entries(api.methods).flatMap(([id, m]) => [
      compile(id, m.path, false),
      ...(m.mediaPath ? [compile(id, m.mediaPath, true)] : []),
    ]);
    // The most specific template first: `values/{range}:append` before `values/{range}`.
    list.sort((a, b) => b.literal - a.literal);
    templates.set(api, list);
  }
  return list;
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The method a request's HTTP method and path name, with its decoded path parameters. */
export function routeOf(api: Api, httpMethod: string, pathname: string): Route | null {
  for (const t of templatesOf(api)) {
    const method = api.methods[t.id];
    if (method.method !== httpMethod) continue;
    const match = t.regex.exec(pathname);
    if (!match) continue;
    const values = match.slice(1).map(decode);
    if (values.some((v) => v === null || v === '')) continue;
    const params = Object.fromEntries(t.names.map((n, i) => [n, values[i] as string]));
    return { api, id: t.id, method, upload: t.upload, params };
  }
  return null;
}

export const baseType = (type: FieldType): string => (typeof type === 'string' ? type : type.type);
export const enumOf = (type: FieldType): string[] | null =>
  typeof type === 'string' ? null : type.enum;
