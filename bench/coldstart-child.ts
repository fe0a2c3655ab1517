/* eslint-disable @typescript-eslint/no-require-imports -- this script times require() itself: each load must happen at a chosen point. */
/**
 * One cold start, in a fresh process: loads what the scenario names from an app folder (the
 * repository, or an unpacked build.zip), performs it, and prints { ms, rssMb } as JSON. Run by coldstart.bench.ts; not a benchmark on its own.
 *
 * argv: scenario, app folder, port of the bench's loopback server.
 */
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const started = performance.now();
const [scenario, appDir, port] = process.argv.slice(2);

type Tester = (method: unknown, bundle: object) => Promise<unknown>;
type App = { searches: { find_checkout_session: { operation: { perform: unknown } } } };

/** Every https call (Stripe's SDK) goes to the loopback server instead. */
function toLoopback(): void {
  const loopback = (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) =>
    http.request(
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

async function main(): Promise<void> {
  const core = () =>
    require(require.resolve('zapier-platform-core', { paths: [appDir] })) as {
      createAppTester: (app: object) => Tester;
    };
  if (scenario === 'core') {
    core();
  } else if (scenario === 'app') {
    core();
    require(path.join(appDir, 'index.js'));
  } else if (scenario === 'app+stripe-operation') {
    toLoopback();
    const app = require(path.join(appDir, 'index.js')) as App;
    // Find Checkout Session through the full handler: one list page, then the match retrieved.
    await core().createAppTester(app)(app.searches.find_checkout_session.operation.perform, {
      authData: { stripe_secret_key: 'sk_test_51BenchKeyForLoopbackOnly000000' },
      inputData: { client_reference_id: 'order-1042' },
      meta: {},
    });
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
}

main().then(() => {
  process.stdout.write(
    `\nCOLDSTART ${JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
});
