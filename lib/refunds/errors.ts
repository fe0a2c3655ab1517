import type { ZObject } from 'zapier-platform-core';
import {
  isStripeError,
  mapStripeErrors,
  missingMessage,
  type StripeErrorLike,
} from '../stripe/errors';
import { RefundRefused } from './plan';

export type RefundProblem = { message: string; code: string; status: number; halt?: boolean };

/** Stripe refusals of a refund that need their own words: what happened and what to do. */
export function refundProblem(err: StripeErrorLike): RefundProblem | null {
  switch (err.code) {
    case 'charge_already_refunded':
      return {
        message: 'This payment is already fully refunded. Nothing more was refunded.',
        code: err.code,
        status: 400,
        halt: true,
      };
    case 'charge_disputed':
      return {
        message:
          'This charge is disputed and Stripe does not allow refunding it now. Respond to the dispute in the Dashboard instead: if you accept it, the customer gets the money back.',
        code: err.code,
        status: 400,
      };
    case 'invalid_charge_amount_no_decimal_compatible':
      return {
        message:
          'Stripe refunds ISK in whole krónur only, and this older payment has a fraction of a króna left. Refund a whole amount (e.g. 1234 for 1234.50 ISK) with Amount; the fraction cannot be refunded through Stripe.',
        code: err.code,
        status: 400,
      };
    case 'resource_missing':
      return {
        message: missingMessage(err) ?? `Payment not found: ${err.message}`,
        code: err.code,
        status: 404,
      };
    default:
      return null;
  }
}

/** Refund-specific wording on top of the one Stripe error mapper. */
export function refundErrors<T>(z: ZObject, work: () => Promise<T>): Promise<T> {
  return mapStripeErrors(z, async () => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RefundRefused) {
        throw err.halt
          ? new z.errors.HaltedError(err.message)
          : new z.errors.Error(err.message, err.code, 400);
      }
      if (!isStripeError(err)) throw err;
      const known = refundProblem(err);
      if (!known) throw err;
      throw known.halt
        ? new z.errors.HaltedError(known.message)
        : new z.errors.Error(known.message, known.code, known.status);
    }
  });
}
