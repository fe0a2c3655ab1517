import { checkAddress } from '../email/address';
import { checkFlag, text } from '../input';
import { checkMetadata } from '../stripe/metadata';
import { checkStripeId } from '../stripe/validate';
import type { RefundRequest } from './plan';
import { REFUNDABLE_KINDS, type RefundableKind } from './resolve';

/** The inputs of one refund, checked before any request: the payment id, metadata, the email. */
export function checkRefundInput(
  input: Record<string, unknown>,
): { id: string; kind: RefundableKind; request: RefundRequest } | { problem: string } {
  const payment = checkStripeId(input.payment, REFUNDABLE_KINDS, 'Payment');
  if ('problem' in payment) return payment;
  const metadata = checkMetadata(input.metadata);
  if ('problem' in metadata) return metadata;
  const reverseTransfer = checkFlag(input.reverse_transfer, 'Reverse Transfer');
  if ('problem' in reverseTransfer) return reverseTransfer;
  const refundFee = checkFlag(input.refund_application_fee, 'Refund Application Fee');
  if ('problem' in refundFee) return refundFee;
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
      reverseTransfer: reverseTransfer.flag,
      refundApplicationFee: refundFee.flag,
      instructionsEmail,
    },
  };
}
