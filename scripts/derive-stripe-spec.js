#!/usr/bin/env node
/**
 * Derives the strict Stripe double's rules from the installed `stripe` package itself: every v1
 * endpoint (method and path, from the generated resource classes) and the parameters it takes
 * (from the generated TypeScript types, read with the TypeScript compiler). `npm run derive:stripe`
 * writes test/doubles/stripe/spec.json; test/doubles/stripe/spec.test.ts derives again and fails
 * when the committed file is not what the installed SDK says, so an SDK upgrade re-derives it.
 *
 * Schema nodes (compact, to keep the file small):
 *   's' string · 'i' integer · 'f' decimal number (see DECIMAL_NUMBERS) · 'd' Decimal (string)
 *   'b' boolean · 'x' anything · '' the empty string (Emptyable: unset)
 *   { e: [...] } a closed enum · { a: node } an array · { u: [nodes] } one of
 *   { o: { name: node }, r: [required names], m?: node } an object (m: any other key → node)
 *   { ref: 'Name' } a named object in `defs`
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test/doubles/stripe/spec.json');

/**
 * Stripe types a few parameters as decimal numbers; the SDK's types say `number` for those and for
 * integers alike, so they are named here, each with the API reference that says so. Every other
 * number a request sends must be an integer (docs.stripe.com/api: "integer").
 */
const DECIMAL_NUMBERS = {
  // "A non-negative decimal between 0 and 100, with at most two decimal places." (Subscriptions,
  // Checkout Sessions subscription_data, Invoices, Quotes, Payment Links subscription_data)
  application_fee_percent:
    'docs.stripe.com/api/subscriptions/create#create_subscription-application_fee_percent',
  // "A positive float larger than 0 and smaller or equal to 100" (Coupons)
  percent_off: 'docs.stripe.com/api/coupons/create#create_coupon-percent_off',
  // "This represents the tax rate percent out of 100." (Tax Rates)
  percentage: 'docs.stripe.com/api/tax_rates/create#create_tax_rate-percentage',
  // "A decimal between 0 and 100" (Billing credit grants / fee percentages)
  amount_percent:
    'docs.stripe.com/api/subscriptions/create#create_subscription-transfer_data-amount_percent',
};

function stripeDir() {
  // The package's `exports` hide package.json: find its folder from its main file.
  const main = require.resolve('stripe', { paths: [ROOT] });
  return main.slice(0, main.lastIndexOf(`${path.sep}cjs${path.sep}`));
}

function walk(dir, ext) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

/** Every `_makeRequest('METHOD', '/v1/…')` of the generated resource classes, by class and method. */
function endpointsFromJs(resourcesDir) {
  const found = [];
  const header = /^ {4}(\w+)\(([^)]*)\) \{$/gm;
  const request = /_makeRequest\('([A-Z]+)', (?:'([^']*)'|`([^`]*)`)/g;
  for (const file of walk(resourcesDir, '.js')) {
    const text = fs.readFileSync(file, 'utf8');
    const cls = /class (\w+) extends/.exec(text);
    if (!cls) continue;
    const methods = [...text.matchAll(header)];
    methods.forEach((m, i) => {
      // A method may choose between paths (Accounts.retrieve: with an id or the key's own).
      const body = text.slice(m.index, methods[i + 1]?.index ?? text.length);
      for (const r of body.matchAll(request)) {
        const template = r[2] ?? r[3];
        if (!template.startsWith('/v1/')) continue;
        found.push({
          file: path.relative(resourcesDir, file).replace(/\.js$/, ''),
          cls: cls[1],
          name: m[1],
          method: r[1],
          path: template.replace(/\$\{encodeURIComponent\((\w+)\)\}/g, '{$1}'),
        });
      }
    });
  }
  return found;
}

function makeConverter(checker, stripeRoot) {
  const defs = {};
  const idOf = (symbol) =>
    checker
      .getFullyQualifiedName(symbol)
      .replace(/^"[^"]*\/resources\/([^"]+)"\./, (_, file) => `${file.replace(/\//g, '.')}:`)
      .replace(/^"[^"]*\/([^"/]+)"\./, '$1:');

  const isDecimal = (type) =>
    type.aliasSymbol?.name === 'Decimal' ||
    (type.flags & ts.TypeFlags.Intersection &&
      type.types.some((t) => t.symbol?.name === 'DecimalImpl'));
  const isOpenString = (type) =>
    type.flags & ts.TypeFlags.Intersection && type.types.some((t) => t.flags & ts.TypeFlags.String);

  function convert(type, name) {
    if (isDecimal(type)) return 'd';
    if (type.flags & ts.TypeFlags.Union) return union(type.types, name);
    if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return 's';
    if (isOpenString(type)) return 's';
    if (type.flags & ts.TypeFlags.StringLiteral)
      return type.value === '' ? '' : { e: [type.value] };
    if (type.flags & ts.TypeFlags.Number) return DECIMAL_NUMBERS[name] ? 'f' : 'i';
    if (type.flags & ts.TypeFlags.NumberLiteral) return { e: [String(type.value)] };
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'b';
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'x';
    if (checker.isArrayType(type)) return { a: convert(checker.getTypeArguments(type)[0], name) };
    if (type.flags & ts.TypeFlags.Object) return object(type);
    throw new Error(`derive-stripe-spec: no rule for ${checker.typeToString(type)} (${name})`);
  }

  function union(members, name) {
    const kept = members.filter(
      (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)),
    );
    const emptyable =
      kept.length < members.length && members.some((t) => t.flags & ts.TypeFlags.Null);
    const literals = kept.filter((t) => t.flags & ts.TypeFlags.StringLiteral && t.value !== '');
    // `'a' | 'b' | OtherString` is the SDK's "open enum" (new values may come with later API
    // versions); the server takes the values of the pinned version, which are the literals.
    const open =
      kept.some((t) => t.flags & ts.TypeFlags.String) ||
      (literals.length === 0 && kept.some(isOpenString));
    const bools = kept.some((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const others = kept.filter(
      (t) =>
        !(t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.BooleanLiteral)) &&
        !(t.flags & ts.TypeFlags.String) &&
        !isOpenString(t),
    );
    const nodes = [];
    if (open) nodes.push('s');
    else if (literals.length) nodes.push({ e: literals.map((t) => t.value).sort() });
    if (bools) nodes.push('b');
    for (const t of others) {
      const node = convert(t, name);
      if (!nodes.some((n) => JSON.stringify(n) === JSON.stringify(node))) nodes.push(node);
    }
    if (emptyable || kept.some((t) => t.flags & ts.TypeFlags.StringLiteral && t.value === ''))
      nodes.push('');
    return nodes.length === 1 ? nodes[0] : { u: nodes };
  }

  function object(type) {
    const symbol = type.aliasSymbol ?? type.symbol;
    const named =
      symbol &&
      symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) &&
      symbol.declarations?.some((d) => d.getSourceFile().fileName.startsWith(stripeRoot));
    if (!named) return shape(type);
    const id = idOf(symbol);
    if (!(id in defs)) {
      defs[id] = null;
      defs[id] = shape(type);
    }
    return { ref: id };
  }

  function shape(type) {
    const o = {};
    const r = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = checker.getTypeOfSymbolAtLocation(prop, declaration);
      o[prop.name] = convert(propType, prop.name);
      if (!(prop.flags & ts.SymbolFlags.Optional)) r.push(prop.name);
    }
    const node = { o };
    if (r.length) node.r = r;
    const index = checker
      .getIndexInfosOfType(type)
      .find((i) => i.keyType.flags & ts.TypeFlags.String);
    if (index) node.m = convert(index.type, '');
    return node;
  }

  return { convert, defs };
}

function derive() {
  const root = stripeDir();
  const resourcesDir = path.join(root, 'cjs/resources');
  const endpoints = endpointsFromJs(resourcesDir);
  const files = [...new Set(endpoints.map((e) => path.join(resourcesDir, `${e.file}.d.ts`)))];
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const { convert, defs } = makeConverter(checker, root);

  const out = [];
  for (const e of endpoints) {
    const source = program.getSourceFile(path.join(resourcesDir, `${e.file}.d.ts`));
    const cls = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === e.cls);
    if (!cls) throw new Error(`derive-stripe-spec: no class ${e.cls} in ${e.file}.d.ts`);
    const member = cls.members.find(
      (m) => ts.isMethodDeclaration(m) && m.name.getText() === e.name,
    );
    if (!member) throw new Error(`derive-stripe-spec: no method ${e.cls}.${e.name}`);
    const param = member.parameters.find((p) => p.name.getText() === 'params');
    out.push({
      method: e.method,
      path: e.path,
      op: `${e.file.replace(/\//g, '.')}.${e.name}`,
      params: param ? convert(checker.getTypeFromTypeNode(param.type), '') : null,
    });
  }
  out.sort((a, b) => (a.path + a.method < b.path + b.method ? -1 : 1));
  const sdk = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const apiVersion = /exports.ApiVersion = '([^']+)'/.exec(
    fs.readFileSync(path.join(root, 'cjs/apiVersion.js'), 'utf8'),
  )?.[1];
  const sortedDefs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { sdk, apiVersion, decimalNumbers: DECIMAL_NUMBERS, endpoints: out, defs: sortedDefs };
}

function serialize(spec) {
  return `${JSON.stringify(spec)}\n`;
}

module.exports = { derive, serialize, OUT };

if (require.main === module) {
  const started = Date.now();
  const spec = derive();
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, serialize(spec));
  console.log(
    `stripe ${spec.sdk} (${spec.apiVersion}): ${spec.endpoints.length} endpoints, ` +
      `${Object.keys(spec.defs).length} named parameter types → ${path.relative(ROOT, OUT)} ` +
      `(${Math.round(fs.statSync(OUT).size / 1024)} KiB) in ${Date.now() - started} ms`,
  );
}
