/* eslint-disable @typescript-eslint/no-require-imports -- this script times require() itself: each load must happen at a chosen point. */
/**
 * One cold start, in a fresh process: loads what the scenario names from an app folder (the
 * repository, or an unpacked build.zip), performs it, and prints { ms, rssMb } as JSON. Run by
 * coldstart.bench.ts; not a benchmark on its own.
 *
 * The "bare" scenarios are the floor any app pays: a Zapier app with none of our code whose one
 * search makes the same two calls (list, then retrieve the match) through the same core handler —
 * over plain https, or through Stripe's SDK loaded from the same folder as ours.
 *
 * argv: scenario, app folder, port of the bench's loopback server.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const started = performance.now();
const [scenario, appDir, port] = process.argv.slice(2);

type Tester = (method: unknown, bundle: object) => Promise<unknown>;
type Core = { createAppTester: (app: object) => Tester; version: string };
type App = { searches: { find_checkout_session: { operation: { perform: unknown } } } };
type Session = { id: string; client_reference_id: string | null };
type StripeLike = new (
  key: string,
  config: object,
) => {
  checkout: {
    sessions: {
      list: (p: object) => Promise<{ data: Session[] }>;
      retrieve: (id: string) => Promise<Session>;
    };
  };
};

const KEY = 'sk_test_51BenchKeyForLoopbackOnly000000';
const BUNDLE = {
  authData: { stripe_secret_key: KEY },
  inputData: { client_reference_id: 'order-1042' },
};

/**
 * Every https call (Stripe's SDK) goes to the loopback server instead, through the http.request
 * core has not patched: core patches both modules, and a call passing through both would be logged
 * twice, which a real Stripe call never is.
 */
function toLoopback(): void {
  const plainRequest = http.request;
  const loopback = (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) =>
    plainRequest(
      {
        ...options,
        protocol: 'http:',
        host: '127.0.0.1',
        hostname: '127.0.0.1',
        port,
        agent: undefined,
      },
      callback,
    );
  (https as { request: unknown }).request = loopback;
}

/** GET over https, answered as JSON (the bare app's only tool). */
function getJson<T>(urlPath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: 'api.stripe.com',
        path: urlPath,
        method: 'GET',
        headers: { authorization: `Bearer ${KEY}`, accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(JSON.parse(body) as T));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Stripe's SDK as the app folder holds it: the zip's own file, or the package. */
function loadStripeFrom(dir: string): StripeLike {
  const vendored = path.join(dir, 'dist', 'vendor', 'stripe.js');
  const file = fs.existsSync(vendored) ? vendored : require.resolve('stripe', { paths: [dir] });
  return require(file) as StripeLike;
}

/** A Zapier app with none of our code: one search, the same two calls as ours. */
function bareApp(core: Core, via: 'https' | 'stripe-sdk'): App {
  const find = async (_z: unknown, bundle: typeof BUNDLE) => {
    const wanted = bundle.inputData.client_reference_id;
    if (via === 'https') {
      const list = await getJson<{ data: Session[] }>('/v1/checkout/sessions?limit=100');
      const match = list.data.find((s) => s.client_reference_id === wanted);
      return match ? [await getJson<Session>(`/v1/checkout/sessions/${match.id}`)] : [];
    }
    const StripeCtor = loadStripeFrom(appDir);
    const stripe = new StripeCtor(bundle.authData.stripe_secret_key, { telemetry: false });
    const list = await stripe.checkout.sessions.list({ limit: 100 });
    const match = list.data.find((s) => s.client_reference_id === wanted);
    return match ? [await stripe.checkout.sessions.retrieve(match.id)] : [];
  };
  return {
    version: '1.0.0',
    platformVersion: core.version,
    searches: {
      find_checkout_session: {
        key: 'find_checkout_session',
        noun: 'Session',
        display: { label: 'Find Session', description: 'Finds a session.' },
        operation: { inputFields: [{ key: 'client_reference_id' }], perform: find },
      },
    },
  } as App;
}

/** Find Checkout Session through core's full handler: one list page, then the match retrieved. */
async function findThrough(core: Core, app: App): Promise<void> {
  const found = (await core.createAppTester(app)(
    app.searches.find_checkout_session.operation.perform,
    { ...BUNDLE, meta: {} },
  )) as unknown[];
  if (found.length !== 1) throw new Error(`${scenario}: the session was not found`);
}

async function main(): Promise<void> {
  const core = () => require(require.resolve('zapier-platform-core', { paths: [appDir] })) as Core;
  if (scenario === 'core') {
    core();
  } else if (scenario === 'app') {
    core();
    require(path.join(appDir, 'index.js'));
  } else if (scenario === 'app+stripe-operation') {
    toLoopback();
    await findThrough(core(), require(path.join(appDir, 'index.js')) as App);
  } else if (scenario === 'bare-https' || scenario === 'bare-stripe-sdk') {
    toLoopback();
    const loaded = core();
    await findThrough(loaded, bareApp(loaded, scenario === 'bare-https' ? 'https' : 'stripe-sdk'));
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
}

main().then(() => {
  process.stdout.write(
    `\nCOLDSTART ${JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
});
