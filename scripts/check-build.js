// Loads the app from an unpacked build.zip (argv[2]) in a fresh process and runs two operations
// through the zip's own zapier-platform-core, answered by nock (from the repository): the connection
// test (loads the bundled Stripe SDK) and send_fulfillment_email (loads the bundled nodemailer).
// Modules loaded on first use are only proven present by using them.
const fs = require('fs');
const path = require('path');
const nock = require('nock');

const dir = path.resolve(process.argv[2]);
// Packages live in dist/vendor/ (stripe, nodemailer) or node_modules (core), never inside the app
// file: steps that never use a package never compile it. esbuild marks each bundled module with
// a `// node_modules/…` line.
const appFile = fs.readFileSync(path.join(dir, 'dist', 'index.js'), 'utf8');
const bundledPackage = appFile.match(/^\/\/ node_modules\/(@[^/]+\/)?[^/]+/m);
if (bundledPackage) {
  throw new Error(
    `${bundledPackage[0].slice(3)} is bundled into dist/index.js: add it to VENDORED in scripts/build-zip.js`,
  );
}
const app = require(path.join(dir, 'index.js'));
const { handler } = require(path.join(dir, 'zapierwrapper.js'));
if (typeof handler !== 'function') throw new Error('zapierwrapper.js exports no handler');
for (const group of ['triggers', 'creates', 'searches']) {
  console.log(`${group}: ${Object.keys(app[group] || {}).join(', ')}`);
}

const core = require(require.resolve('zapier-platform-core', { paths: [dir] }));
const run = core.createAppTester(app);
const authData = {
  stripe_secret_key: 'sk_test_51CheckBuildKey0000000000000000',
  access_token: 'ya29.check-build',
  scope:
    'openid email https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/gmail.send',
};

async function main() {
  nock.disableNetConnect();
  nock('https://api.stripe.com')
    .get('/v1/account')
    .reply(200, { id: 'acct_1Check', object: 'account', email: 'shop@example.com' });
  nock('https://www.googleapis.com')
    .get('/oauth2/v3/userinfo')
    .reply(200, { sub: '1', email: 'owner@example.com' });
  const label = await run(app.authentication.test, { authData, inputData: {}, meta: {} });
  console.log('connection test (Stripe SDK from the zip):', JSON.stringify(label).slice(0, 80));

  let raw = '';
  nock('https://gmail.googleapis.com')
    .post('/gmail/v1/users/me/messages/send', (body) => ((raw = body.raw), true))
    .reply(200, { id: '18c1f0f2a9b3d4e5', threadId: '18c1f0f2a9b3d4e5', labelIds: ['SENT'] });
  await run(app.creates.send_fulfillment_email.operation.perform, {
    authData,
    inputData: { to: 'zoe@example.com', subject: 'Your order', body_text: 'Thanks!' },
    meta: {},
  });
  const mime = Buffer.from(raw, 'base64url').toString('utf8');
  if (!/^Subject: Your order/m.test(mime)) throw new Error('no MIME message was composed');
  console.log('send_fulfillment_email (nodemailer from the zip): composed and sent');
  if (!nock.isDone()) throw new Error(`not called: ${nock.pendingMocks().join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
