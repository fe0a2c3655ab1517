import { defineTrigger } from 'zapier-platform-core';
import { disputeOperation, disputeSample } from './shared/dispute';

const KEY = 'dispute_created';

export default defineTrigger({
  key: KEY,
  noun: 'Dispute',
  display: {
    label: 'Dispute Opened',
    description:
      'Triggers when a customer disputes a payment (a chargeback or an inquiry), once per dispute and once more if an inquiry becomes a chargeback, with the evidence deadline, the order and the Dashboard link to respond.',
  },
  operation: disputeOperation(KEY, 'created', disputeSample),
});
