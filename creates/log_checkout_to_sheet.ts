import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'log_checkout_to_sheet',
  noun: 'Row',
  display: {
    label: 'Log Checkout Session to Google Sheet',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('log_checkout_to_sheet is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
