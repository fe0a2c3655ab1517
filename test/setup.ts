import nock from 'nock';

// No test reaches the network: every HTTP call must be answered by a nock interceptor.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

process.env.CLIENT_ID = 'test-client-id.apps.googleusercontent.com';
process.env.CLIENT_SECRET = 'test-client-secret';

afterEach(() => {
  nock.cleanAll();
});

// Jest gives each test file a fresh nock module but the same Node http module: release this
// file's interception so the next file's nock is the one answering.
afterAll(() => {
  nock.restore();
});
