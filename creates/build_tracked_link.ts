import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'build_tracked_link',
  noun: 'Tracked Link',
  display: {
    label: 'Build Tracked Payment Link URL',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('build_tracked_link is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
