/*
 * What the market CA writes into a signer's certificate (X.509, RFC 5280).
 * The subject comes from the market's records — the person's name, the
 * organisation's name and 统一社会信用代码 (USCC), the signatory's capacity —
 * never from the certificate request, which only proves possession of the key.
 */

/** A signer's certificate is valid for a year, never beyond the CA's own certificate. */
export const CERTIFICATE_VALIDITY_DAYS = 365

/** Serial numbers: 16 random octets (RFC 5280 §4.1.2.2: positive, at most 20 octets). */
export const SERIAL_OCTETS = 16

/**
 * A positive serial number from random octets, as lowercase hex of exactly
 * SERIAL_OCTETS octets: the high bit is cleared, so the DER INTEGER needs no
 * leading zero and can never read as negative, and the first octet is never
 * zero, so the hex form is the INTEGER's own octets.
 */
export function positiveSerial(random: Uint8Array): string {
  if (random.length !== SERIAL_OCTETS) {
    throw new RangeError(`A serial number takes ${SERIAL_OCTETS} random octets`)
  }
  const octets = Uint8Array.from(random)
  octets[0] = (octets[0] & 0x7f) | 0x01
  return Array.from(octets, (octet) => octet.toString(16).padStart(2, '0')).join('')
}

/** Serial numbers as written in URLs and the table: lowercase hex, no leading zero octet. */
export function normaliseSerial(serial: string) {
  return serial
    .trim()
    .toLowerCase()
    .replace(/^(00)+(?=[0-9a-f])/, '')
}

/** Validity from the moment of issue: a year, cut at the CA's own end. */
export function certificateValidity(issuedAt: Date, caNotAfter: Date) {
  const notBefore = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000)
  const yearOn = new Date(notBefore.getTime() + CERTIFICATE_VALIDITY_DAYS * 86_400_000)
  const notAfter = yearOn < caNotAfter ? yearOn : caNotAfter
  return { notBefore, notAfter }
}

/** The record a certificate binds, as the market holds it. */
export type CertificateHolder = {
  personName: string
  organizationName: string
  uscc: string
  /** The signatory capacity (法定代表人, 授权代表, 注册经办人). */
  capacity: 'registrant' | 'legal_representative' | 'authorised_representative'
}

/** The capacity as written in the certificate's title attribute (in Chinese: it names the role in law). */
export const CAPACITY_TITLES: Record<CertificateHolder['capacity'], string> = {
  registrant: '注册经办人',
  legal_representative: '法定代表人',
  authorised_representative: '授权代表',
}

/** Attribute type OIDs of the subject (X.520; organizationIdentifier from X.520 2012). */
export const SUBJECT_OIDS = {
  country: '2.5.4.6',
  organizationIdentifier: '2.5.4.97',
  organization: '2.5.4.10',
  title: '2.5.4.12',
  commonName: '2.5.4.3',
} as const

/**
 * The subject's attributes, in order: C=CN, organizationIdentifier
 * "NTRCN-<USCC>" (ETSI EN 319 412-1 §5.1.4: a national trade register
 * number of China), O, title (the capacity) and CN (the person's name).
 */
export function subjectAttributes(holder: CertificateHolder) {
  return [
    { type: SUBJECT_OIDS.country, value: 'CN' },
    { type: SUBJECT_OIDS.organizationIdentifier, value: `NTRCN-${holder.uscc}` },
    { type: SUBJECT_OIDS.organization, value: holder.organizationName },
    { type: SUBJECT_OIDS.title, value: CAPACITY_TITLES[holder.capacity] },
    { type: SUBJECT_OIDS.commonName, value: holder.personName },
  ]
}

/**
 * Why a certificate was revoked, with its CRL reason code (RFC 5280 §5.3.1).
 * `null` (no reason given) is written without a reason code, as the RFC asks
 * for `unspecified`.
 */
export const REVOCATION_REASONS = {
  key_compromise: 1, // the device holding the key was lost or exposed
  affiliation_changed: 3, // the person is no longer a signatory of the organisation
  superseded: 4, // replaced by a newer key
  cessation_of_operation: 5, // no longer used
} as const
export type RevocationReason = keyof typeof REVOCATION_REASONS

/** The reasons a holder gives when revoking their own key. */
export const HOLDER_REVOCATION_REASONS = [
  'key_compromise',
  'superseded',
  'cessation_of_operation',
] as const satisfies readonly RevocationReason[]

/** Whether a certificate stood revoked at an instant (a signature made before revocation stays good). */
export function revokedAt(instant: Date, revocation: Date | null) {
  return revocation !== null && revocation.getTime() <= instant.getTime()
}
