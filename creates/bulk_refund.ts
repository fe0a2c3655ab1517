import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'bulk_refund',
  noun: 'Refund',
  display: {
    label: 'Refund Multiple Payments',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('bulk_refund is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
