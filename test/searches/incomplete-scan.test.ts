import { serveEndlessSessions } from '../endless-sessions';
import link from '../fixtures/links/payment_link.json';
import { caught, operationRunner } from '../helpers';
import { retrievePaymentLinks } from '../links-helpers';

// A short step budget stands in for Zapier's 30 s (lib/budget.ts reads the override; the scan
// stops 1 s inside it), so that running out of time takes a second.
const budget = process.env.STEP_BUDGET_MS;
beforeEach(() => (process.env.STEP_BUDGET_MS = '2000'));
afterEach(() => {
  if (budget === undefined) delete process.env.STEP_BUDGET_MS;
  else process.env.STEP_BUDGET_MS = budget;
});

const NOW = Math.floor(Date.now() / 1000);

/** Our message: core appends "What happened: …" to a HaltedError (the Zap history shows 250 characters). */
const firstPart = (message: string) => message.split('\nWhat happened')[0];

describe('a scan that runs out of time', () => {
  it('find_checkout_session stops halted (does not count toward turning the Zap off) and says how far it got', async () => {
    serveEndlessSessions();
    const run = operationRunner('searches', 'find_checkout_session', true);
    const err = await caught(() => run({ client_reference_id: 'order-not-there' }));
    expect(err.name).toBe('HaltedError');
    const message = firstPart(err.message);
    expect(message).toMatch(
      /^Not found yet, search stopped at the time limit: [\d,]+ sessions checked, complete back to .* UTC of the account's first session\. To narrow it, choose the Payment Link, or set Created After nearer the order date\.$/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('payment_link_metrics stops halted too, asking for a shorter period', async () => {
    serveEndlessSessions();
    retrievePaymentLinks([link]);
    const run = operationRunner('searches', 'payment_link_metrics');
    const err = await caught(() =>
      run({
        payment_link: 'plink_1QxSpringSale',
        created_after: new Date((NOW - 30 * 86_400) * 1000).toISOString(),
      }),
    );
    expect(err.name).toBe('HaltedError');
    const message = firstPart(err.message);
    expect(message).toMatch(
      /^Too many sessions to total within the time limit: [\d,]+ counted, .* Choose a shorter period/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });
});
