import type { StripeSpec } from '../test/doubles/stripe/spec';

export function derive(): StripeSpec;
export function serialize(spec: StripeSpec): string;
export const OUT: string;
