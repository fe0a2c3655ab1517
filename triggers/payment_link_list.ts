import { defineTrigger } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineTrigger({
  key: 'payment_link_list',
  noun: 'Payment Link',
  display: {
    label: 'List Payment Links',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('payment_link_list is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
