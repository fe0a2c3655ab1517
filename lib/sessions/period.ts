import { unixSeconds } from '../input';
import { shortTime } from './scan';

/** A period of checkout-session creation times, [from, to) in whole seconds. */
export type Period = { from: number; to: number };

/**
 * The period a step's Created After / Created Before inputs ask for, checked before any request.
 * Stripe filters by whole seconds: the end rounds up, the start down; the end is never later
 * than now; an empty start is `defaultDays` before the end.
 */
export function planPeriod(
  input: Record<string, unknown>,
  nowSeconds: number,
  defaultDays: number,
): Period | { problem: string } {
  const before = unixSeconds(input.created_before, 'Created Before', 'up');
  if ('problem' in before) return before;
  const after = unixSeconds(input.created_after, 'Created After');
  if ('problem' in after) return after;
  const to = Math.min(before.value ?? nowSeconds + 1, nowSeconds + 1);
  const from = after.value ?? to - defaultDays * 86_400;
  if (from >= to)
    return {
      problem: `Created After (${shortTime(from)}) must be before Created Before (${shortTime(to)}). Leave both empty for the last ${defaultDays} days.`,
    };
  return { from, to };
}
