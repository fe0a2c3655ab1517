/* eslint-disable @typescript-eslint/no-require-imports -- this script times require() itself: each load must happen at a chosen point. */
/**
 * One cold start, in a fresh process: loads what the scenario names, performs it, and prints
 * { ms, rssMb, stripeLoaded } as JSON. Run by coldstart.bench.ts; not a benchmark on its own.
 */
import path from 'node:path';
import type { ZObject } from 'zapier-platform-core';

const started = performance.now();
const scenario = process.argv[2];
// Compiled to dist/bench/: the repository root (the shim Zapier loads) is two levels up.
const appPath = path.resolve(__dirname, '..', '..', 'index.js');
const distPath = path.resolve(__dirname, '..');
const auth = { stripe_secret_key: 'sk_test_51BenchKeyForLoopbackOnly000000' };
type ClientModule = typeof import('../lib/stripe/client');
type OrderModule = typeof import('../lib/stripe/order');

type Tester = (method: unknown, bundle: object) => Promise<unknown>;
type App = { authentication: { test: unknown } };

async function main(): Promise<void> {
  if (scenario === 'core') {
    require('zapier-platform-core');
  } else if (scenario === 'app') {
    require(appPath);
  } else if (scenario === 'app+stripe-operation') {
    // One Stripe call through the app's own code, to the bench's loopback Stripe (argv[3] = port).
    require(appPath);
    const { errors } = require('zapier-platform-core') as typeof import('zapier-platform-core');
    const { stripeClient } = require(path.join(distPath, 'lib/stripe/client')) as ClientModule;
    const { retrieveCheckoutOrder } = require(
      path.join(distPath, 'lib/stripe/order'),
    ) as OrderModule;
    const stripe = stripeClient({ errors } as unknown as ZObject, auth, {
      host: '127.0.0.1',
      port: Number(process.argv[3]),
      protocol: 'http',
    });
    await retrieveCheckoutOrder(stripe, 'cs_test_a1ColdStart');
  } else if (scenario === 'app+connection-test' || scenario === 'core+nock') {
    // nock answers the two calls of the connection test (Stripe account, Google profile) in-process.
    const nock = require('nock') as typeof import('nock');
    const core = require('zapier-platform-core') as { createAppTester: (app: object) => Tester };
    if (scenario === 'core+nock') return;
    nock.disableNetConnect();
    nock('https://api.stripe.com')
      .get('/v1/account')
      .reply(200, {
        id: 'acct_1Bench',
        object: 'account',
        email: 'shop@example.com',
        settings: { dashboard: { display_name: 'Bench Shop' } },
      });
    nock('https://www.googleapis.com')
      .get('/oauth2/v3/userinfo')
      .reply(200, { sub: '1', email: 'owner@example.com' });
    const app = require(appPath) as App;
    const tester = core.createAppTester(app);
    await tester(app.authentication.test, {
      authData: {
        stripe_secret_key: 'sk_test_51BenchKey000000000000000000',
        access_token: 'ya29.bench',
        scope:
          'openid email https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/gmail.send',
      },
      inputData: {},
      meta: {},
    });
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
}

main().then(() => {
  const stripeLoaded = Object.keys(require.cache).some((p) =>
    /node_modules[\\/]stripe[\\/]/.test(p),
  );
  process.stdout.write(
    `\nCOLDSTART ${JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, stripeLoaded })}\n`,
  );
});
