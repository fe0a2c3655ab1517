import { defineCreate } from 'zapier-platform-core';

// Placeholder registered by the foundation; replaced by the issue that builds this operation.
export default defineCreate({
  key: 'append_sheet_row',
  noun: 'Row',
  display: {
    label: 'Append Row to Google Sheet',
    description: 'Not built yet: this operation is a placeholder.',
    hidden: true,
  },
  operation: {
    perform: async () => {
      throw new Error('append_sheet_row is not built yet');
    },
    sample: { id: 'placeholder' },
  },
});
