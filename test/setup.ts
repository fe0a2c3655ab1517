import nock from 'nock';
import { installStrictDoubles, registerProvider, takeViolations } from './doubles/strict';
import { PROVIDERS } from './doubles/providers';

// Jest gives each test file its own nock: make this file's scopes strict doubles (doubles/strict.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
installStrictDoubles((require('nock/lib/scope') as { Scope: { prototype: object } }).Scope);
for (const provider of PROVIDERS) registerProvider(provider);

// No test reaches the network: every HTTP call must be answered by a nock interceptor.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

process.env.CLIENT_ID = 'test-client-id.apps.googleusercontent.com';
process.env.CLIENT_SECRET = 'test-client-secret';

afterEach(() => {
  nock.cleanAll();
  const refused = takeViolations();
  if (refused.length > 0)
    throw new Error(
      `The real service would refuse ${refused.length} request(s) this test sent:\n- ${refused.join('\n- ')}`,
    );
});

// Jest gives each test file a fresh nock module but the same Node http module: release this
// file's interception so the next file's nock is the one answering.
afterAll(() => {
  nock.restore();
});
