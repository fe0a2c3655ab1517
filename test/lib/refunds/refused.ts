import { RefundRefused } from '../../../lib/refunds/plan';

/** The RefundRefused a plan throws; any other error, or none, fails the test. */
export function refused(fn: () => unknown): RefundRefused {
  try {
    fn();
  } catch (err) {
    if (err instanceof RefundRefused) return err;
    throw err;
  }
  throw new Error('not refused');
}
