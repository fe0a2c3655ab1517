import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'create_refund',
  noun: 'Refund',
  display: {
    label: 'Create Refund',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('create_refund is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
