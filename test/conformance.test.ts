import { writeFileSync } from 'node:fs';
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import App from '../index';
import { RAW_JSON_MAX_MIME_BYTES } from '../lib/email/gmail';
import { ORDER_LOG_HEADER } from '../lib/sheets/order-row';
import { strictStats, takeViolations } from './doubles/strict';
import { makeBundle } from './helpers';
import { ZapierRuntime } from './runtime';
import { GoogleStandIn } from './conformance/google-standin';
import { DRIVES, FILES, SHEET_ID, registeredOperations, type Ctx } from './conformance/operations';
import {
  SeenRecorder,
  googleTemplate,
  seenMarkdown,
  stripeExpansions,
  stripeTemplate,
} from './conformance/seen';
import { checkPermissionsDoc, keyHelpProblems } from './conformance/permissions';
import { StripeStandIn, type StripeCall } from './conformance/stripe-standin';

/**
 * Every operation the app registers, driven through Zapier's real handler against stateful
 * Stripe and Google stand-ins with long histories, on the key's own account and on a Connect
 * account. Whatever the strict doubles (test/doubles) know about Stripe and Google checks every
 * request on the way; this file's job is that every kind of request the app can send is sent.
 */
const stripe = new StripeStandIn();
const google = new GoogleStandIn();
const seen = new SeenRecorder();
const counts = { stripe: 0, google: 0, other: 0, runs: 0, refusals: 0 };
const checkedBefore = strictStats.checked;
let runtime: ZapierRuntime;
/** Stripe calls of the Connect pass, to check which account each went to. */
const connectHeaders: (StripeCall & { operation: string })[] = [];

google.addSpreadsheet(SHEET_ID, 'Order log', [
  { sheetId: 0, title: 'Orders', rows: [ORDER_LOG_HEADER] },
  { sheetId: 7, title: 'Custom', rows: [['Email', 'Amount', 'Session ID']] },
  { sheetId: 9, title: 'Empty', rows: [] },
]);

const PASSES: { name: string; connection: Record<string, string>; account: string | null }[] = [
  { name: 'own account', connection: {}, account: null },
  {
    name: 'Connect',
    connection: { stripe_account: 'acct_1ConnectedConf42' },
    account: 'acct_1ConnectedConf42',
  },
];

function ctxFor(pass: number): Ctx {
  const { connection, account } = PASSES[pass];
  return {
    runtime,
    stripe,
    google,
    connection,
    account,
    pass,
    async run<T>(
      method: string,
      inputData: Record<string, unknown> = {},
      extra: Partial<Bundle> & { options?: Parameters<ZapierRuntime['run']>[2] } = {},
    ): Promise<T> {
      const { options, authData, meta, ...rest } = extra;
      seen.begin(method.replace('.operation.', '.'));
      counts.runs += 1;
      const bundle = makeBundle({
        ...rest,
        inputData: rest.rawRequest ? (rest.inputData ?? inputData) : inputData,
        authData: { ...connection, ...(authData ?? {}) } as Record<string, string>,
        meta: meta as Partial<Bundle['meta']>,
      });
      const from = stripe.calls.length;
      try {
        return await runtime.run<T>(method, bundle, options);
      } finally {
        if (account)
          connectHeaders.push(
            ...stripe.calls.slice(from).map((c) => ({ operation: method, ...c })),
          );
      }
    },
  };
}

function installStandIns(): void {
  const stripeScope = stripe.install((method, path) =>
    seen.record('stripe', stripeTemplate(method, path), stripeExpansions(path)),
  );
  stripeScope.on('request', () => (counts.stripe += 1));
  for (const scope of google.install((origin, method, path) =>
    seen.record('google', googleTemplate(method, origin, path)),
  ))
    scope.on('request', () => (counts.google += 1));
  nock(FILES)
    .persist()
    .get('/license.txt')
    .reply(200, 'LICENSE-KEY-1042', { 'Content-Type': 'text/plain' })
    .get('/artwork.bin')
    .reply(200, Buffer.alloc(RAW_JSON_MAX_MIME_BYTES, 7), {
      'Content-Type': 'application/octet-stream',
    })
    .on('request', () => (counts.other += 1));
}

beforeAll(async () => {
  runtime = await new ZapierRuntime().start();
});
afterAll(async () => {
  await runtime.stop();
  if (process.env.CONFORMANCE_DUMP)
    writeFileSync(process.env.CONFORMANCE_DUMP, JSON.stringify(stripe.calls, null, 1));
});
beforeEach(installStandIns);
afterEach(() => {
  const gaps = [...stripe.unhandled.splice(0), ...google.unhandled.splice(0)];
  const refused = takeViolations();
  counts.refusals += refused.length;
  if (refused.length) throw new Error(`The real service would refuse:\n- ${refused.join('\n- ')}`);
  if (gaps.length) throw new Error(`The stand-ins had no answer for:\n- ${gaps.join('\n- ')}`);
});

const operations = registeredOperations(App);

it('drives every operation the app registers (a new one needs a drive here)', () => {
  expect(operations.filter((op) => !DRIVES[op])).toEqual([]);
  expect(Object.keys(DRIVES).filter((op) => !operations.includes(op))).toEqual([]);
});

PASSES.forEach((pass, index) => {
  describe(`on the ${pass.name}`, () => {
    // Each pass in a process of its own: one process for all would pass core's 250-run limit.
    beforeAll(() => runtime.newProcess());
    const driven = operations.filter((op) => DRIVES[op] && (index === 0 || DRIVES[op].stripe));
    it.each(driven)('%s', async (op) => {
      await DRIVES[op].run(ctxFor(index));
    });
  });
});

/** Webhook endpoints and the list of connected accounts belong to the platform. */
const onPlatform = (c: StripeCall) =>
  c.path.startsWith('/v1/webhook_endpoints') || (c.method === 'GET' && c.path === '/v1/accounts');

it('on Connect, sends every call to the connected account except the platform-only endpoints', () => {
  const wrong = connectHeaders
    .filter((c) => (onPlatform(c) ? c.account !== undefined : c.account !== PASSES[1].account))
    .map((c) => `${c.operation}: ${c.method} ${c.path} → ${c.account ?? 'platform'}`);
  expect(connectHeaders.length).toBeGreaterThan(0);
  expect(wrong).toEqual([]);
});

it('saw every endpoint through the stand-ins, and says how many the strict rules checked', () => {
  const table = seen.table();
  const checked = strictStats.checked - checkedBefore;
  const total = counts.stripe + counts.google;
  expect(total).toBeGreaterThan(0);
  expect(counts.refusals).toBe(0);
  // docs/stripe-keys.md's table is these calls in Stripe's permission names: it cannot drift.
  // `npm run docs:permissions` rewrites it after a change.
  expect(checkPermissionsDoc(table, process.env.UPDATE_PERMISSIONS === '1')).toEqual({
    upToDate: true,
  });
  expect(keyHelpProblems(table, App)).toEqual([]);
  if (process.env.CONFORMANCE_SEEN_JSON)
    writeFileSync(process.env.CONFORMANCE_SEEN_JSON, `${JSON.stringify(table, null, 2)}\n`);
  console.log(
    `conformance: ${operations.length} operations (${counts.runs} runs), ${total} requests (Stripe ${counts.stripe}, Google ${counts.google}), ${checked} checked by strict rules, ${counts.refusals} refusals\n\n${seenMarkdown(table)}`,
  );
});
