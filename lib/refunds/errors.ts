import type { ZObject } from 'zapier-platform-core';
import { isStripeError, mapStripeErrors } from '../stripe/errors';
import { RefundRefused } from './plan';

/** Refund-specific wording on top of the one Stripe error mapper. */
export function refundErrors<T>(z: ZObject, work: () => Promise<T>): Promise<T> {
  return mapStripeErrors(z, async () => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RefundRefused) {
        throw err.halt
          ? new z.errors.HaltedError(err.message)
          : new z.errors.Error(err.message, 'refund_refused', 400);
      }
      if (!isStripeError(err)) throw err;
      if (err.type === 'StripeIdempotencyError') {
        throw new z.errors.Error(
          'This idempotency key was already used for a different refund. Leave "Idempotency Key" empty, or give a new one for a deliberate second refund.',
          'idempotency_key_reused',
          400,
        );
      }
      if (err.code === 'charge_already_refunded')
        throw new z.errors.HaltedError(
          'This payment is already fully refunded. Nothing more was refunded.',
        );
      if (err.code === 'charge_disputed') {
        throw new z.errors.Error(
          'This charge is disputed: Stripe does not allow refunding it. Respond to the dispute in the Dashboard instead.',
          'charge_disputed',
          400,
        );
      }
      if (err.code === 'resource_missing') {
        throw new z.errors.Error(`Payment not found: ${err.message}`, 'resource_missing', 404);
      }
      throw err;
    }
  });
}
