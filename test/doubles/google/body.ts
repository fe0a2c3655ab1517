import { parsesAsA1 } from './a1';
import { CELL_TOO_LONG, ENUM_TYPES, MAX_CELL_CHARS } from './rules';
import { baseType, enumOf, type Api, type FieldType } from './spec';
import { snake } from './answers';

/**
 * The problems Google's JSON parser reports for a request body, in its words: unknown names,
 * lists where a message is expected (and back), scalars of the wrong kind, enum values it does
 * not know, and (Sheets) cells that are not scalars and ranges it cannot parse.
 */
export interface BodyProblem {
  message: string;
  field: string;
}

const at = (path: string) => (path ? ` at '${path}'` : '');
const join = (path: string, name: string) => (path ? `${path}.${snake(name)}` : snake(name));
const shown = (value: unknown) => JSON.stringify(value);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function enumProblem(name: string, path: string, value: unknown, values: string[]) {
  if (typeof value === 'string' && values.includes(value)) return null;
  const type = ENUM_TYPES[name] ? `type.googleapis.com/${ENUM_TYPES[name]}` : 'TYPE_ENUM';
  return { message: `Invalid value at '${path}' (${type}), ${shown(value)}`, field: path };
}

function scalarProblem(type: string, path: string, value: unknown): BodyProblem | null {
  const ok =
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'number' &&
      (typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value)))));
  if (ok || !['string', 'boolean', 'number'].includes(type)) return null;
  const proto = { string: 'TYPE_STRING', boolean: 'TYPE_BOOL', number: 'TYPE_DOUBLE' }[type];
  return { message: `Invalid value at '${path}' (${proto}), ${shown(value)}`, field: path };
}

/** ValueRange.values: a list of rows, each a list of scalar cells (google.protobuf.ListValue). */
function cellProblems(path: string, rows: unknown): BodyProblem[] {
  if (!Array.isArray(rows)) return [];
  const out: BodyProblem[] = [];
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) {
      out.push({
        message: `Invalid value at '${path}[${i}]' (type.googleapis.com/google.protobuf.ListValue), ${shown(row)}`,
        field: `${path}[${i}]`,
      });
      return;
    }
    row.forEach((cell, j) => {
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS)
        out.push({ message: CELL_TOO_LONG, field: `${path}[${i}][${j}]` });
      if (cell !== null && typeof cell === 'object') {
        const kind = Array.isArray(cell) ? 'list_value' : 'struct_value';
        out.push({ message: `Invalid values[${i}][${j}]: ${kind} ${shown(cell)}`, field: path });
      }
    });
  });
  return out;
}

function fieldProblems(
  api: Api,
  schema: string,
  name: string,
  type: FieldType,
  value: unknown,
  path: string,
): BodyProblem[] {
  if (value === null || value === undefined) return [];
  const here = join(path, name);
  const base = baseType(type);
  const values = enumOf(type);
  const repeated = base.endsWith('[]');
  if (repeated && !Array.isArray(value))
    return [{ message: `Invalid value at '${here}' (TYPE_LIST), ${shown(value)}`, field: here }];
  if (!repeated && Array.isArray(value))
    return [
      {
        message: `Invalid JSON payload received. Unknown name "${name}"${at(path)}: Proto field is not repeating, cannot start list.`,
        field: here,
      },
    ];
  const items = repeated ? (value as unknown[]) : [value];
  const item = repeated ? base.slice(0, -2) : base;
  const out: BodyProblem[] = [];
  items.forEach((v, i) => {
    const itemPath = repeated ? `${here}[${i}]` : here;
    if (values) {
      const problem = enumProblem(name, itemPath, v, values);
      if (problem) out.push(problem);
    } else if (item.startsWith('@')) {
      out.push(...objectProblems(api, item.slice(1), v, itemPath));
    } else if (item.startsWith('{}@')) {
      if (isObject(v))
        for (const [key, entry] of Object.entries(v))
          out.push(...objectProblems(api, item.slice(3), entry, `${itemPath}[${shown(key)}]`));
    } else {
      const problem = scalarProblem(item, itemPath, v);
      if (problem) out.push(problem);
    }
  });
  if (base === 'any[]' && name === 'values' && /ValueRange$/.test(schema))
    out.push(...cellProblems(here, value));
  if (
    name === 'range' &&
    /ValueRange$/.test(schema) &&
    typeof value === 'string' &&
    !parsesAsA1(value)
  )
    out.push({ message: `Unable to parse range: ${value}`, field: here });
  return out;
}

export function objectProblems(
  api: Api,
  schema: string,
  value: unknown,
  path: string,
): BodyProblem[] {
  const props = api.schemas[schema];
  if (!props) return [];
  if (!isObject(value))
    return [
      {
        message: `Invalid value at '${path}' (type.googleapis.com/${schema}), ${shown(value)}`,
        field: path,
      },
    ];
  const out: BodyProblem[] = [];
  for (const [name, v] of Object.entries(value)) {
    const type = props[name];
    if (type === undefined)
      out.push({
        message: `Invalid JSON payload received. Unknown name "${name}"${at(path)}: Cannot find field.`,
        field: path,
      });
    else out.push(...fieldProblems(api, schema, name, type, v, path));
  }
  return out;
}
