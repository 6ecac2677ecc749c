import env from '#start/env'
import { appUrl } from '#config/app'

/**
 * Open data (OCDS, Atom, CSV). The OCDS ocid prefix is registered with the
 * Open Contracting Partnership (`ocds-` and six characters); the default is a
 * placeholder until the operator registers one. The publisher is the platform
 * operator; its USCC, when given, identifies it under the CN-USCI scheme.
 */
const openDataConfig = {
  ocidPrefix: env.get('OCDS_OCID_PREFIX') || 'ocds-mszjcs',
  publisherName: env.get('OCDS_PUBLISHER_NAME') || '网上中介服务超市',
  publisherUscc: env.get('OCDS_PUBLISHER_USCC') || null,
  licenseUrl: env.get('OCDS_LICENSE_URL') || null,
  publicationPolicyUrl: env.get('OCDS_PUBLICATION_POLICY_URL') || null,
  /** Absolute links in packages and feeds. */
  baseUrl: appUrl.replace(/\/+$/, ''),
}

export default openDataConfig
