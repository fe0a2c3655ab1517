import { defineTrigger } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineTrigger({
  key: 'price_list',
  noun: 'Price',
  display: {
    label: 'List Prices',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('price_list is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
