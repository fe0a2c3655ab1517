import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'create_payment_link',
  noun: 'Payment Link',
  display: {
    label: 'Create Payment Link',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('create_payment_link is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
