import nock from 'nock';
import App from '../index';
import { connectionLabel } from '../lib/connection/label';
import account from './fixtures/foundation/account.json';
import {
  appTester,
  caught,
  GOOGLE_APIS,
  makeBundle,
  OAUTH_HOST,
  recordUnmatched,
  STRIPE_API,
  TEST_SECRET_KEY,
} from './helpers';

const auth = App.authentication!;
const test = auth.test as Parameters<typeof appTester>[0];
const oauth = auth.oauth2Config!;

const stripeAccount = () => nock(STRIPE_API).get('/v1/account');
const googleProfile = () => nock(GOOGLE_APIS).get('/oauth2/v3/userinfo');
const STRIPE_401 = {
  error: {
    message: 'Invalid API Key provided: sk_test_********************************0000',
    type: 'invalid_request_error',
  },
};

describe('connection test', () => {
  it('checks both halves and returns what the label needs', async () => {
    stripeAccount().reply(200, account);
    googleProfile()
      .matchHeader('authorization', 'Bearer ya29.test-access-token')
      .reply(200, { sub: '1098', email: 'owner@lumenprints.example', email_verified: true });
    const result = await appTester(test, makeBundle());
    expect(result).toEqual({
      stripe_account_id: 'acct_1Nv0FGQ9RKHgCVdK',
      stripe_account_name: 'Lumen Prints',
      stripe_mode: 'test',
      google_email: 'owner@lumenprints.example',
      connection_label: 'Lumen Prints (test mode) · owner@lumenprints.example',
    });
  });

  it('labels the connection with a template over the test result (the CLI renders templates only)', () => {
    expect(auth.connectionLabel).toBe('{{bundle.inputData.connection_label}}');
    expect(connectionLabel({ stripe_account_name: 'Lumen Prints', stripe_mode: 'live' })).toBe(
      'Lumen Prints (live mode)',
    );
  });

  it('says the live key is live', async () => {
    stripeAccount().reply(200, account);
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    const bundle = makeBundle({
      authData: { stripe_secret_key: TEST_SECRET_KEY.replace('sk_test_', 'sk_live_') },
    });
    expect(await appTester(test, bundle)).toMatchObject({ stripe_mode: 'live' });
  });

  it('sends the Connect account as the Stripe-Account header and reads that account', async () => {
    nock(STRIPE_API)
      .get('/v1/accounts/acct_1Connected42')
      .matchHeader('stripe-account', 'acct_1Connected42')
      .reply(200, { ...account, id: 'acct_1Connected42' });
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    const bundle = makeBundle({ authData: { stripe_account: 'acct_1Connected42' } });
    expect(await appTester(test, bundle)).toMatchObject({ stripe_account_id: 'acct_1Connected42' });
  });

  it('accepts a restricted key that may not read the account', async () => {
    stripeAccount().reply(403, {
      error: {
        message: 'The provided key does not have the required permissions for this endpoint.',
        type: 'invalid_request_error',
      },
    });
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    const bundle = makeBundle({
      authData: { stripe_secret_key: 'rk_test_51Restricted000000000000000' },
    });
    expect(await appTester(test, bundle)).toMatchObject({
      stripe_account_name: 'Stripe',
      stripe_mode: 'test',
    });
  });

  it('names the Stripe half when Stripe rejects the key, asks to reconnect, and never shows the key', async () => {
    stripeAccount().reply(401, STRIPE_401);
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    const error = await caught(() => appTester(test, makeBundle()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(
      /^Stripe half of the connection failed: Stripe rejected the secret key/,
    );
    expect(error.message).toMatch(/reconnect with a new key/);
    expect(error.message).not.toContain(TEST_SECRET_KEY);
    expect(error.message).not.toMatch(/Google half/);
  });

  it('a Stripe 401 never turns into a Google token refresh', async () => {
    stripeAccount().reply(401, STRIPE_401);
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    expect((await caught(() => appTester(test, makeBundle()))).name).not.toBe('RefreshAuthError');
  });

  it('an expired Google token asks Zapier to refresh it', async () => {
    stripeAccount().reply(200, account);
    googleProfile().reply(401, {
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        status: 'UNAUTHENTICATED',
      },
    });
    expect((await caught(() => appTester(test, makeBundle()))).name).toBe('RefreshAuthError');
  });

  it('names the Google half when Sheets or Gmail permission was unticked', async () => {
    stripeAccount().reply(200, account);
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    const bundle = makeBundle({
      authData: { scope: 'openid email https://www.googleapis.com/auth/spreadsheets' },
    });
    const error = await caught(() => appTester(test, bundle));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(
      /^Google half of the connection failed: Google permissions missing: Gmail/,
    );
    expect(error.message).not.toMatch(/Sheets/);
  });

  it('asks Google for the granted scopes when the connection did not store them', async () => {
    stripeAccount().reply(200, account);
    googleProfile().reply(200, { email: 'owner@lumenprints.example' });
    nock(OAUTH_HOST).post('/tokeninfo', 'access_token=ya29.test-access-token').reply(200, {
      scope: 'openid email https://www.googleapis.com/auth/gmail.send',
      expires_in: '3500',
    });
    const error = await caught(() => appTester(test, makeBundle({ authData: { scope: '' } })));
    expect(error.message).toMatch(/Google permissions missing: Google Sheets/);
  });

  const netError = (code: string, message: string) => Object.assign(new Error(message), { code });
  const STRIPE_500 = {
    error: { message: 'An unknown error occurred', type: 'api_error' },
  };
  const GOOGLE_429 = {
    error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' },
  };

  it.each([
    [
      'a Stripe 5xx',
      () => {
        stripeAccount().times(3).reply(500, STRIPE_500);
        googleProfile().reply(200, { email: 'owner@lumenprints.example' });
      },
      'AppError',
      /^Stripe half of the connection failed: Stripe could not be reached just now \(HTTP 500\); test the connection again in a few minutes\.$/,
    ],
    [
      'a Stripe network failure',
      () => {
        stripeAccount().times(3).replyWithError(netError('ECONNRESET', 'socket hang up'));
        googleProfile().reply(200, { email: 'owner@lumenprints.example' });
      },
      'AppError',
      /^Stripe half of the connection failed: Stripe could not be reached just now \(no answer\); test the connection again/,
    ],
    [
      'a Google 429',
      () => {
        stripeAccount().reply(200, account);
        googleProfile().reply(429, GOOGLE_429, { 'Retry-After': '30' });
      },
      'ThrottledError',
      /^Google half of the connection failed: Google's rate limit was reached/,
    ],
    [
      'a Google 503',
      () => {
        stripeAccount().reply(200, account);
        googleProfile().reply(503, { error: { code: 503, message: 'Backend Error' } });
      },
      'AppError',
      /^Google half of the connection failed: Google could not be reached just now \(HTTP 503\); test the connection again in a few minutes\.$/,
    ],
    [
      'a Google network failure',
      () => {
        stripeAccount().reply(200, account);
        googleProfile().replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED'));
      },
      'AppError',
      /^Google half of the connection failed: Google could not be reached just now \(ECONNREFUSED\); test the connection again in a few minutes\.$/,
    ],
  ])('%s keeps the account connected (no reconnect)', async (_what, answer, name, message) => {
    answer();
    const error = await caught(() => appTester(test, makeBundle()));
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    if (name === 'ThrottledError') expect(error.delay).toBe(30);
  });

  it('a rejected key still asks to reconnect when the other half is merely down', async () => {
    stripeAccount().reply(401, STRIPE_401);
    googleProfile().reply(503, { error: { code: 503, message: 'Backend Error' } });
    const error = await caught(() => appTester(test, makeBundle()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/Stripe half .* \| Google half/);
  });

  it('an expired Google token is refreshed even while Stripe is down', async () => {
    stripeAccount().times(3).reply(500, STRIPE_500);
    googleProfile().reply(401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect((await caught(() => appTester(test, makeBundle()))).name).toBe('RefreshAuthError');
  });

  it('reports both halves when both fail', async () => {
    stripeAccount().reply(401, STRIPE_401);
    googleProfile().reply(403, {
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        status: 'PERMISSION_DENIED',
        details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
      },
    });
    const error = await caught(() => appTester(test, makeBundle()));
    expect(error.message).toMatch(/Stripe half .* \| Google half/);
  });

  it.each([
    ['', /empty/],
    ['pk_test_51Abcdefghijklmnop', /publishable key/],
    ['whsec_abcdefghijklmnop', /webhook signing secret/],
    ['sk_test_ 51Abc', /not in the expected form/],
    ['my stripe key', /not in the expected form/],
  ])('rejects the key %j before any request', async (key, message) => {
    const unmatched = recordUnmatched();
    const error = await caught(() =>
      appTester(test, makeBundle({ authData: { stripe_secret_key: key } })),
    );
    unmatched.stop();
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(message);
    expect(unmatched.urls).toEqual([]);
    if (key) expect(error.message).not.toContain(key);
  });

  it('rejects a malformed Connect account id before any request', async () => {
    const unmatched = recordUnmatched();
    const error = await caught(() =>
      appTester(test, makeBundle({ authData: { stripe_account: 'Lumen Prints' } })),
    );
    unmatched.stop();
    expect(error.message).toMatch(/acct_/);
    expect(unmatched.urls).toEqual([]);
  });
});

describe('Google OAuth', () => {
  it('asks for offline access, consent and exactly the four scopes', () => {
    expect(oauth.authorizeUrl).toMatchObject({
      url: 'https://accounts.google.com/o/oauth2/v2/auth',
      params: { access_type: 'offline', prompt: 'consent', response_type: 'code' },
    });
    expect(oauth.scope!.split(' ').sort()).toEqual([
      'email',
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/spreadsheets',
      'openid',
    ]);
  });

  it('exchanges the code with the client credentials from the environment and keeps the granted scope', async () => {
    nock(OAUTH_HOST)
      .post(
        '/token',
        (body) =>
          body.grant_type === 'authorization_code' &&
          body.code === 'auth-code-1' &&
          body.client_id === 'test-client-id.apps.googleusercontent.com' &&
          body.client_secret === 'test-client-secret' &&
          body.redirect_uri === 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
      )
      .reply(200, {
        access_token: 'ya29.new',
        refresh_token: '1//new',
        expires_in: 3599,
        scope: 'openid email',
        token_type: 'Bearer',
      });
    const bundle = makeBundle({
      inputData: {
        code: 'auth-code-1',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
      },
    });
    const result = await appTester(oauth.getAccessToken as Parameters<typeof appTester>[0], bundle);
    expect(result).toMatchObject({
      access_token: 'ya29.new',
      refresh_token: '1//new',
      expires_in: 3599,
      scope: 'openid email',
    });
  });

  it('keeps the Stripe fields of the connection form through the code exchange', async () => {
    nock(OAUTH_HOST)
      .post('/token')
      .reply(200, { access_token: 'ya29.new', refresh_token: '1//new', expires_in: 3599 });
    // With OAuth 2, Zapier passes the connection form's fields as input, not as auth data.
    const bundle = makeBundle({
      inputData: {
        code: 'auth-code-1',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
        stripe_secret_key: 'sk_live_51FromTheForm000',
        stripe_account: 'acct_1Connected42',
      },
    });
    bundle.authData = {};
    const result = await appTester(oauth.getAccessToken as Parameters<typeof appTester>[0], bundle);
    expect(result).toMatchObject({
      access_token: 'ya29.new',
      stripe_secret_key: 'sk_live_51FromTheForm000',
      stripe_account: 'acct_1Connected42',
    });
  });

  it('adds no empty Stripe fields when the form gave none (invoke auth start), so none is overwritten', async () => {
    nock(OAUTH_HOST).post('/token').reply(200, { access_token: 'ya29.new', expires_in: 3599 });
    const bundle = makeBundle({ inputData: { code: 'c', redirect_uri: 'http://localhost:9000' } });
    bundle.authData = {};
    const result = await appTester(oauth.getAccessToken as Parameters<typeof appTester>[0], bundle);
    expect(result).not.toHaveProperty('stripe_secret_key');
    expect(result).not.toHaveProperty('stripe_account');
  });

  it('keeps the Stripe fields through every refresh', async () => {
    nock(OAUTH_HOST)
      .post('/token')
      .times(2)
      .reply(200, { access_token: 'ya29.fresh', expires_in: 3599, scope: 'openid email' });
    const refresh = oauth.refreshAccessToken as Parameters<typeof appTester>[0];
    let authData: Record<string, string> = {
      ...makeBundle().authData,
      stripe_account: 'acct_1Connected42',
    };
    for (let i = 0; i < 2; i++) {
      // Zapier stores what the refresh returns as the connection's auth data.
      authData = (await appTester(refresh, makeBundle({ authData }))) as Record<string, string>;
      expect(authData).toMatchObject({
        access_token: 'ya29.fresh',
        refresh_token: '1//test-refresh-token',
        stripe_secret_key: TEST_SECRET_KEY,
        stripe_account: 'acct_1Connected42',
      });
    }
  });

  it('refresh keeps the existing refresh token (Google does not send a new one)', async () => {
    nock(OAUTH_HOST)
      .post(
        '/token',
        (body) =>
          body.grant_type === 'refresh_token' && body.refresh_token === '1//test-refresh-token',
      )
      .reply(200, { access_token: 'ya29.fresh', expires_in: 3599, scope: 'openid email' });
    const result = await appTester(
      oauth.refreshAccessToken as Parameters<typeof appTester>[0],
      makeBundle(),
    );
    expect(result).toMatchObject({
      access_token: 'ya29.fresh',
      refresh_token: '1//test-refresh-token',
    });
  });

  it('a revoked grant asks the user to reconnect', async () => {
    nock(OAUTH_HOST).post('/token').reply(400, {
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    const error = await caught(() =>
      appTester(oauth.refreshAccessToken as Parameters<typeof appTester>[0], makeBundle()),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/reconnect to renew Google access/);
  });
});
