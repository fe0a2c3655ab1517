#!/usr/bin/env node
/**
 * Derives the strict Google double's rules (test/doubles/google/spec.json) from Google's own
 * generated definitions, so an upgrade of those packages re-derives them:
 * - @googleapis/sheets, @googleapis/gmail (build/v*.js): each method's HTTP method, URL template,
 *   upload URL, required and path parameters, as given to `createAPIRequest`;
 * - the same packages' build/v*.d.ts: each method's query parameters (`Params$Resource$…`), its
 *   request body schema, and every `Schema$…`'s property names and types;
 * - @maxim_mazurok/gapi.client.sheets-v4 and .gmail-v1 (generated from the same discovery
 *   documents): the allowed values of enum parameters and enum body fields, which the googleapis
 *   clients type as plain strings.
 *
 * `node scripts/derive-google-spec.js` writes the file; test/doubles/google/spec.test.ts
 * re-derives it and fails when it differs from the installed packages.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test/doubles/google/spec.json');

const APIS = [
  {
    name: 'sheets',
    client: '@googleapis/sheets',
    build: 'v4',
    enums: '@maxim_mazurok/gapi.client.sheets-v4',
  },
  {
    name: 'gmail',
    client: '@googleapis/gmail',
    build: 'v1',
    enums: '@maxim_mazurok/gapi.client.gmail-v1',
  },
];

function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
}

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;
}

function parse(file) {
  const text = fs.readFileSync(file, 'utf8');
  const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

const nameOf = (node) => (node.name && (node.name.text ?? node.name.getText())) || '';
const propName = (member) =>
  ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : '';

/** `Resource$Spreadsheets$Values` + `append` → `spreadsheets.values.append`. */
function methodId(className, method) {
  const parts = className.replace(/^Resource\$/, '').split('$');
  return [...parts.map((p) => p[0].toLowerCase() + p.slice(1)), method].join('.');
}

function firstString(node) {
  let found;
  walk(node, (n) => {
    if (found === undefined && ts.isStringLiteral(n)) found = n.text;
  });
  return found;
}

function stringArray(node) {
  return ts.isArrayLiteralExpression(node) ? node.elements.map((e) => e.text) : [];
}

/** From build/vN.js: each method's createAPIRequest options. */
function deriveRoutes(jsFile) {
  const routes = {};
  let rootUrl;
  walk(parse(jsFile), (node) => {
    if (!ts.isClassDeclaration(node) || !nameOf(node).startsWith('Resource$')) return;
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      const route = {};
      walk(member, (n) => {
        if (!ts.isPropertyAssignment(n)) return;
        const key = propName(n);
        if (key === 'url') route.path = firstString(n.initializer);
        else if (key === 'mediaUrl') route.mediaPath = firstString(n.initializer);
        else if (key === 'method') route.method = n.initializer.text;
        else if (key === 'requiredParams') route.required = stringArray(n.initializer);
        else if (key === 'pathParams') route.pathParams = stringArray(n.initializer);
      });
      walk(member, (n) => {
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.BarBarToken &&
          ts.isStringLiteral(n.right) &&
          n.left.getText().endsWith('rootUrl')
        )
          rootUrl = n.right.text;
      });
      if (route.path) routes[methodId(nameOf(node), nameOf(member))] = route;
    }
  });
  return { routes, origin: new URL(rootUrl).origin };
}

/** A property's type in the spec's notation: `string`, `integer`, `@Schema`, `@Schema[]`, `{}@Schema`, … */
function typeOf(typeNode, { query = false } = {}) {
  if (!typeNode) return 'any';
  if (ts.isUnionTypeNode(typeNode)) {
    const kept = typeNode.types.filter(
      (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
    );
    return kept.length === 1 ? typeOf(kept[0], { query }) : 'any';
  }
  if (ts.isArrayTypeNode(typeNode)) {
    const item = typeOf(typeNode.elementType, { query });
    return item === 'any' || item.endsWith('[]') ? 'any[]' : `${item}[]`;
  }
  if (ts.isTypeReferenceNode(typeNode)) {
    const ref = typeNode.typeName.getText();
    return ref.startsWith('Schema$') ? `@${ref.slice('Schema$'.length)}` : 'any';
  }
  if (ts.isTypeLiteralNode(typeNode)) {
    const index = typeNode.members.find(ts.isIndexSignatureDeclaration);
    const value = index ? typeOf(index.type) : 'any';
    return value.startsWith('@') ? `{}${value}` : '{}';
  }
  switch (typeNode.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    // Every numeric query parameter of these APIs is an int32/uint32 in the discovery documents
    // (metadataId, sheetId, maxResults, pageSize); body numbers may be doubles (colours).
    case ts.SyntaxKind.NumberKeyword:
      return query ? 'integer' : 'number';
    default:
      return 'any';
  }
}

function members(decl, options) {
  const out = {};
  for (const m of decl.members) {
    if (ts.isPropertySignature(m)) out[propName(m)] = typeOf(m.type, options);
  }
  return out;
}

/** From build/vN.d.ts: each method's Params interface, the standard parameters and the schemas. */
function deriveTypes(dtsFile) {
  const interfaces = new Map();
  const paramsOf = {};
  walk(parse(dtsFile), (node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(nameOf(node), node);
    if (ts.isClassDeclaration(node) && nameOf(node).startsWith('Resource$')) {
      for (const m of node.members) {
        if (!ts.isMethodDeclaration(m) || !m.parameters[0]?.type) continue;
        const id = methodId(nameOf(node), nameOf(m));
        paramsOf[id] ??= m.parameters[0].type.getText();
      }
    }
  });
  const standard = members(interfaces.get('StandardParameters'), { query: true });
  delete standard.auth;
  const schemas = {};
  for (const [name, decl] of [...interfaces].sort(([a], [b]) => a.localeCompare(b))) {
    if (name.startsWith('Schema$')) schemas[name.slice('Schema$'.length)] = members(decl);
  }
  const params = {};
  for (const [id, paramsName] of Object.entries(paramsOf)) {
    const decl = interfaces.get(paramsName);
    const query = members(decl, { query: true });
    const body = query.requestBody;
    delete query.requestBody;
    params[id] = { query, body: body && body.startsWith('@') ? body.slice(1) : undefined };
    if ('media' in query) {
      delete query.media;
      params[id].media = true;
    }
  }
  return { standard, schemas, params };
}

function literalUnion(typeNode) {
  if (!typeNode) return null;
  if (ts.isArrayTypeNode(typeNode)) return literalUnion(typeNode.elementType);
  if (ts.isParenthesizedTypeNode(typeNode)) return literalUnion(typeNode.type);
  if (ts.isTypeReferenceNode(typeNode) && typeNode.typeName.getText() === 'Array')
    return literalUnion(typeNode.typeArguments?.[0]);
  const types = ts.isUnionTypeNode(typeNode) ? typeNode.types : [typeNode];
  const values = types.map((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null,
  );
  return values.length > 1 && values.every((v) => v !== null) ? values : null;
}

function enumMembers(decl) {
  const out = {};
  for (const m of decl.members) {
    const values = ts.isPropertySignature(m) && literalUnion(m.type);
    if (values) out[propName(m)] = values;
  }
  return out;
}

/**
 * From the gapi typings (generated from the discovery document): enum values by schema property
 * and by `<resource>.<method>` query parameter (resources are named by their last segment there).
 */
function deriveEnums(dtsFile) {
  const schemas = {};
  const methods = {};
  walk(parse(dtsFile), (node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const name = nameOf(node);
    if (!name.endsWith('Resource')) {
      const found = enumMembers(node);
      if (Object.keys(found).length) schemas[name] = found;
      return;
    }
    const resource = name.slice(0, -'Resource'.length).toLowerCase();
    for (const m of node.members) {
      const request = ts.isMethodSignature(m) && m.parameters[0]?.type;
      if (!request || !ts.isTypeLiteralNode(request)) continue;
      const key = `${resource}.${nameOf(m).toLowerCase()}`;
      const found = enumMembers(request);
      const known = methods[key];
      if (known && JSON.stringify(known) !== JSON.stringify(found))
        throw new Error(`Two methods ${key} with different enums in ${dtsFile}`);
      methods[key] = found;
    }
  });
  return { schemas, methods };
}

function withEnum(type, values) {
  return values ? { type, enum: values } : type;
}

function deriveApi(api) {
  const clientDir = packageDir(api.client);
  const { routes, origin } = deriveRoutes(path.join(clientDir, 'build', `${api.build}.js`));
  const types = deriveTypes(path.join(clientDir, 'build', `${api.build}.d.ts`));
  const enums = deriveEnums(path.join(packageDir(api.enums), 'index.d.ts'));
  const anyMethodEnums = Object.values(enums.methods)[0] ?? {};
  const standard = {};
  for (const [name, type] of Object.entries(types.standard))
    standard[name] = withEnum(type, anyMethodEnums[name]);
  const unmatched = new Set(Object.keys(enums.methods));
  const methods = {};
  for (const id of Object.keys(routes).sort()) {
    const route = routes[id];
    const params = types.params[id];
    if (!params) throw new Error(`${api.client}: no Params interface for ${id}`);
    const enumKey = id.split('.').slice(-2).join('.').toLowerCase();
    const methodEnums = enums.methods[enumKey] ?? {};
    unmatched.delete(enumKey);
    const query = {};
    for (const [name, type] of Object.entries(params.query)) {
      if (name in types.standard || route.pathParams.includes(name)) continue;
      query[name] = withEnum(type, methodEnums[name]);
    }
    methods[id] = {
      method: route.method,
      path: route.path,
      ...(route.mediaPath && { mediaPath: route.mediaPath }),
      required: route.required,
      pathParams: route.pathParams,
      query,
      ...(params.body && { body: params.body }),
    };
  }
  if (unmatched.size) throw new Error(`${api.enums}: no method for ${[...unmatched].join(', ')}`);
  const schemas = {};
  for (const [name, props] of Object.entries(types.schemas)) {
    const schemaEnums = enums.schemas[name] ?? {};
    schemas[name] = {};
    for (const [prop, type] of Object.entries(props))
      schemas[name][prop] = withEnum(type, schemaEnums[prop]);
  }
  return { origin, standard, methods, schemas };
}

function deriveGoogleSpec() {
  const derivedFrom = {};
  for (const api of APIS) {
    derivedFrom[api.client] = versionOf(api.client);
    derivedFrom[api.enums] = versionOf(api.enums);
  }
  const apis = {};
  for (const api of APIS) apis[api.name] = deriveApi(api);
  return { derivedFrom, apis };
}

async function main() {
  const prettier = require('prettier');
  const text = await prettier.format(JSON.stringify(deriveGoogleSpec()), {
    ...(await prettier.resolveConfig(OUT)),
    parser: 'json',
  });
  fs.writeFileSync(OUT, text);
  console.log(`Wrote ${path.relative(ROOT, OUT)}`);
}

module.exports = { deriveGoogleSpec, SPEC_FILE: OUT };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
