import { checkAddress } from '../email/address';
import { checkFlag, text } from '../input';
import { checkMetadata } from '../stripe/metadata';
import { checkStripeId } from '../stripe/validate';
import { MAX_BULK_PAYMENTS, splitPayments, type BulkRefundRequest } from './bulk';
import { checkReason, RefundRefused, type RefundReason, type RefundRequest } from './plan';
import { REFUNDABLE_KINDS, type RefundableKind } from './resolve';

/** Connect: who pays for a refund (`reverse_transfer`, `refund_application_fee`); empty is no. */
function checkConnectFlags(
  input: Record<string, unknown>,
): Pick<RefundRequest, 'reverseTransfer' | 'refundApplicationFee'> | { problem: string } {
  const reverseTransfer = checkFlag(input.reverse_transfer, 'Reverse Transfer');
  if ('problem' in reverseTransfer) return reverseTransfer;
  const refundFee = checkFlag(input.refund_application_fee, 'Refund Application Fee');
  if ('problem' in refundFee) return refundFee;
  return { reverseTransfer: reverseTransfer.flag, refundApplicationFee: refundFee.flag };
}

/** The inputs of one refund, checked before any request: the payment id, metadata, the email. */
export function checkRefundInput(
  input: Record<string, unknown>,
): { id: string; kind: RefundableKind; request: RefundRequest } | { problem: string } {
  const payment = checkStripeId(input.payment, REFUNDABLE_KINDS, 'Payment');
  if ('problem' in payment) return payment;
  const metadata = checkMetadata(input.metadata);
  if ('problem' in metadata) return metadata;
  const flags = checkConnectFlags(input);
  if ('problem' in flags) return flags;
  let instructionsEmail: string | null = null;
  if (text(input.instructions_email)) {
    const email = checkAddress(input.instructions_email, 'Instructions Email');
    if ('problem' in email) return email;
    instructionsEmail = email.address;
  }
  return {
    id: payment.id,
    kind: payment.kind as RefundableKind,
    request: {
      amount: input.amount as string | undefined,
      reason: input.reason as string | undefined,
      note: input.note as string | undefined,
      metadata: metadata.metadata,
      idempotencyKey: input.idempotency_key as string | undefined,
      ...flags,
      instructionsEmail,
    },
  };
}

/** A bulk refund's inputs that can be refused, with the z.errors code the refusal carries. */
export type BulkInputProblem = { problem: string; code: 'invalid_input' | 'confirmation_required' };

/**
 * The inputs of a bulk refund, checked before any request: the payments (at least one, at most
 * MAX_BULK_PAYMENTS different ones), the reason ("other" is not offered: it needs a note per
 * payment), a fraudulent reason confirmed (it blocks every card and email listed), and the
 * Connect flags as Create Refund reads them.
 */
export function checkBulkRefundInput(
  input: Record<string, unknown>,
): { payments: string[]; request: BulkRefundRequest } | BulkInputProblem {
  const invalid = (problem: string): BulkInputProblem => ({ problem, code: 'invalid_input' });
  const payments = splitPayments(input.payments);
  if (payments.length === 0) return invalid('Payments is empty: give at least one payment ID.');
  if (payments.length > MAX_BULK_PAYMENTS)
    return invalid(
      `${payments.length} different payments given; at most ${MAX_BULK_PAYMENTS} per step. Split them over several steps. Nothing was refunded.`,
    );
  if (text(input.reason) === 'other')
    return invalid(
      'Reason "other" is not offered for bulk refunds; leave Reason empty or pick another.',
    );
  let reason: RefundReason | null;
  try {
    reason = checkReason(input.reason, null).reason;
  } catch (err) {
    if (err instanceof RefundRefused) return invalid(err.message);
    throw err;
  }
  const confirmed = checkFlag(input.confirm_fraudulent, 'Confirm Fraudulent');
  if ('problem' in confirmed) return invalid(confirmed.problem);
  if (reason === 'fraudulent' && !confirmed.flag)
    return {
      problem: `Reason "fraudulent" adds the card and email of all ${payments.length} payments to your Radar block lists. Set "Confirm Fraudulent" to yes if that is meant, or pick another reason. Nothing was refunded.`,
      code: 'confirmation_required',
    };
  const flags = checkConnectFlags(input);
  if ('problem' in flags) return invalid(flags.problem);
  return { payments, request: { reason, ...flags } };
}
