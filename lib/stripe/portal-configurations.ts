import type Stripe from 'stripe';

export type PortalConfigurationChoice = { id: string; name: string; is_default: boolean };

/** "Wholesale portal · default · bpc_…": its name (or headline), whether it is the default. */
export function portalConfigurationChoice(
  configuration: Stripe.BillingPortal.Configuration,
): PortalConfigurationChoice {
  const title =
    configuration.name || configuration.business_profile.headline || 'Unnamed configuration';
  return {
    id: configuration.id,
    name: [title, configuration.is_default ? 'default' : null, configuration.id]
      .filter(Boolean)
      .join(' · '),
    is_default: configuration.is_default,
  };
}
