import { defineSearch } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineSearch({
  key: 'payment_link_metrics',
  noun: 'Payment Link Metrics',
  display: {
    label: 'Get Payment Link Metrics',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('payment_link_metrics is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
