import env from '#start/env'

/**
 * What a government site shows about itself: who runs it, its filing
 * numbers and its service hotline. Each is set per deployment (.env); a
 * line whose value is unset is not shown at all.
 */
const siteConfig = {
  operator: env.get('SITE_OPERATOR') ?? null,
  icpFiling: env.get('SITE_ICP_FILING') ?? null,
  govSiteCode: env.get('SITE_GOV_CODE') ?? null,
  psbFiling: env.get('SITE_PSB_FILING') ?? null,
  hotline: env.get('SITE_HOTLINE') ?? null,
}

export default siteConfig
