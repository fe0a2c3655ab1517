import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'create_portal_session',
  noun: 'Portal Link',
  display: {
    label: 'Create Customer Portal Link',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('create_portal_session is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
