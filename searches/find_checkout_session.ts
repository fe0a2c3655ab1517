import { defineSearch } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineSearch({
  key: 'find_checkout_session',
  noun: 'Checkout Session',
  display: {
    label: 'Find Checkout Session',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('find_checkout_session is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
