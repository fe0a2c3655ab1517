import { defineTrigger } from 'zapier-platform-core';
import { portalConfigurationChoice } from '../lib/stripe/portal-configurations';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'portal_configuration_list',
  noun: 'Portal Configuration',
  display: {
    label: 'List Portal Configurations',
    description:
      'Triggers when a customer portal configuration is added; feeds the Portal Configuration dropdown with active ones.',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: stripeDropdown(
      (stripe, page) => stripe.billingPortal.configurations.list({ active: true, ...page }),
      portalConfigurationChoice,
    ),
    sample: {
      id: 'bpc_1QxPortalConfig',
      name: 'Lumen Prints portal · default · bpc_1QxPortalConfig',
      is_default: true,
    },
    outputFields: [
      { key: 'id', label: 'Portal Configuration ID' },
      { key: 'name', label: 'Name' },
      { key: 'is_default', label: 'Default', type: 'boolean' },
    ],
  },
});
