import {
  isTimeout,
  requestTimeoutMs,
  shownUrl,
  stepDeadline,
  STEP_BUDGET_MS,
} from '../../lib/budget';
import { SCAN_BUDGET_MS, scanDeadline } from '../../lib/sessions/scan';

describe('the step budget', () => {
  it('counts from the step’s first request, so requests in a row end inside one budget', () => {
    const step = {};
    expect(requestTimeoutMs(step, 1_000)).toBe(STEP_BUDGET_MS);
    expect(requestTimeoutMs(step, 11_000)).toBe(STEP_BUDGET_MS - 10_000);
    expect(requestTimeoutMs(step, 60_000)).toBe(1_000);
    expect(requestTimeoutMs({}, 60_000)).toBe(STEP_BUDGET_MS);
  });

  it('ends before Zapier kills the step at 30 s', () => {
    expect(STEP_BUDGET_MS).toBeLessThan(30_000);
  });

  it('is the one deadline: a step (bulk refunds) stops at 25 s, a session scan 1 s sooner', () => {
    expect(stepDeadline(1_000)).toBe(26_000);
    expect(SCAN_BUDGET_MS).toBe(24_000);
    expect(scanDeadline(1_000)).toBe(25_000);
  });

  it('the deadline follows a shortened budget (tests)', () => {
    process.env.STEP_BUDGET_MS = '300';
    try {
      expect(stepDeadline(1_000)).toBe(1_300);
      expect(scanDeadline(1_000)).toBe(300);
    } finally {
      delete process.env.STEP_BUDGET_MS;
    }
  });

  it('shows a URL without its query, fragment or credentials', () => {
    expect(shownUrl('https://user:pw@files.example.com/a/b.pdf?X-Amz-Signature=abc#p=1')).toBe(
      'https://files.example.com/a/b.pdf',
    );
    expect(shownUrl(`https://files.example.com/${'x'.repeat(200)}`)).toHaveLength(90);
    expect(shownUrl('not a url')).toBe('the remote server');
  });

  it('knows a timeout from other failures', () => {
    expect(isTimeout(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(true);
    expect(isTimeout({ type: 'request-timeout' })).toBe(true);
    expect(isTimeout({ type: 'system' })).toBe(false);
    expect(isTimeout(undefined)).toBe(false);
  });
});
