import i18nManager from '@adonisjs/i18n/services/main'
import openData from '#config/open_data'
import {
  BID_EXTENSION_URL,
  ORGANIZATION_SCHEME,
  OCDS_VERSION,
  type Json,
  type OcdsContext,
} from '#domain/ocds'
import { clock } from '#services/clock'

/** Open data is published in Chinese, the language of the procedures (OCDS `language: "zh"`). */
export function ocdsContext(): OcdsContext {
  const i18n = i18nManager.locale('zh-CN')
  return {
    ocidPrefix: openData.ocidPrefix,
    baseUrl: openData.baseUrl,
    t: (key, data) => i18n.t(`messages.openData.ocds.${key}`, data),
  }
}

/** The package metadata every release and record package carries. */
function packageMetadata(uri: string, releases: Json[]) {
  const dates = releases.map((release) => String(release.date)).sort()
  return {
    uri,
    version: OCDS_VERSION,
    extensions: [BID_EXTENSION_URL],
    // Generated on demand: the date of the latest change it contains.
    publishedDate: dates.at(-1) ?? clock.now().toISOString(),
    publisher: {
      name: openData.publisherName,
      ...(openData.publisherUscc
        ? { scheme: ORGANIZATION_SCHEME, uid: openData.publisherUscc }
        : {}),
    },
    ...(openData.licenseUrl ? { license: openData.licenseUrl } : {}),
    ...(openData.publicationPolicyUrl ? { publicationPolicy: openData.publicationPolicyUrl } : {}),
  }
}

/**
 * A release package (../ocds/release-package-schema.json). `links` (next,
 * prev) follows the OCDS pagination convention; an empty page has no release
 * (the schema wants at least one: a client simply stops there).
 */
export function presentReleasePackage(
  uri: string,
  releases: Json[],
  links: { next?: string; prev?: string }
) {
  return {
    ...packageMetadata(uri, releases),
    releases,
    ...(links.next || links.prev ? { links } : {}),
  }
}

/** A record package with one record: its releases embedded and the compiled release. */
export function presentRecordPackage(
  uri: string,
  releasesUri: string,
  ocid: string,
  releases: Json[],
  compiledRelease: Json
) {
  return {
    ...packageMetadata(uri, releases),
    packages: [releasesUri],
    records: [{ ocid, releases, compiledRelease }],
  }
}
