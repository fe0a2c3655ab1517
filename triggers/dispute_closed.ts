import { defineTrigger } from 'zapier-platform-core';
import { disputeOperation, disputeSample } from './shared/dispute';

const KEY = 'dispute_closed';

export default defineTrigger({
  key: KEY,
  noun: 'Dispute',
  display: {
    label: 'Dispute Closed',
    description:
      'Triggers when a dispute is closed, once per dispute: won or lost, the amounts withdrawn from and reinstated to your balance, and the order.',
  },
  operation: disputeOperation(KEY, 'closed', {
    ...disputeSample,
    status: 'won',
    outcome: 'won',
    amount_reinstated_decimal: '48.60',
    dispute_fee_decimal: '0.00',
    net_impact_decimal: '0.00',
    dashboard_url: 'https://dashboard.stripe.com/test/disputes/dp_1QxLumenDispute1',
  }),
});
