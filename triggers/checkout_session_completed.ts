import { defineTrigger } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineTrigger({
  key: 'checkout_session_completed',
  noun: 'Order',
  display: {
    label: 'Checkout Session Completed (Payment Link)',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('checkout_session_completed is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
