import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'send_fulfillment_email',
  noun: 'Email',
  display: {
    label: 'Send Fulfillment Email (Gmail)',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('send_fulfillment_email is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
