/*
 * 关联关系 between the two sides of a contract (SPEC "Credit": ratings earn
 * credit). An owner rating an agency it is related to — one person behind
 * both, sharing a contact, a named person or a device — is self-dealing
 * (自我交易): the rating is kept and shown, but earns no credit, and
 * regulators see it among their signals. Pure functions over facts read
 * from the database; no verdict, a reason not to count and to look.
 */
import { createHmac } from 'node:crypto'
import { normalisePhone } from '#domain/collusion'

/** What the market records of a party (an organisation and its accounts). */
export type PartyFacts = {
  organizationId: number
  /** The organisation's phone, its users' phones, and contact phones it gave (e.g. on the project). */
  phones: (string | null)[]
  /** The organisation's e-mail address and its users' addresses. */
  emails: (string | null)[]
  /** Salted hashes of the ID numbers of the persons it names (managers, practitioners). */
  personHashes: string[]
  /** Salted hashes of the origins (IP address + user agent) its accounts registered or signed in from. */
  originHashes: string[]
}

/** How two parties are related, in the order regulators read them. */
export const RELATION_KINDS = ['same_organization', 'phone', 'email', 'person', 'device'] as const
export type RelationKind = (typeof RELATION_KINDS)[number]

/**
 * An origin used by more organisations than this is shared infrastructure (a
 * government network's exit address with its standard browser), not evidence.
 */
export const COMMON_ORIGIN_MIN_ORGANIZATIONS = 11

const phonesOf = (party: PartyFacts) =>
  new Set(
    party.phones
      .map((phone) => (phone ? normalisePhone(phone) : ''))
      .filter((phone) => phone.length >= 7)
  )

const emailsOf = (party: PartyFacts) =>
  new Set(
    party.emails
      .map((email) => email?.trim().toLowerCase() ?? '')
      .filter((email) => email.includes('@'))
  )

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((value) => b.has(value))

/**
 * The relations between two parties, empty when none is found. Origins in
 * `commonOrigins` (used by many organisations) are not counted.
 */
export function relationsBetween(
  a: PartyFacts,
  b: PartyFacts,
  commonOrigins: ReadonlySet<string> = new Set()
): RelationKind[] {
  const found = new Set<RelationKind>()
  if (a.organizationId === b.organizationId) found.add('same_organization')
  if (intersects(phonesOf(a), phonesOf(b))) found.add('phone')
  if (intersects(emailsOf(a), emailsOf(b))) found.add('email')
  if (intersects(new Set(a.personHashes), new Set(b.personHashes))) found.add('person')
  const origins = (party: PartyFacts) =>
    new Set(party.originHashes.filter((hash) => !commonOrigins.has(hash)))
  if (intersects(origins(a), origins(b))) found.add('device')
  return RELATION_KINDS.filter((kind) => found.has(kind))
}

/** Whether two parties are related in any way. */
export function areRelated(
  a: PartyFacts,
  b: PartyFacts,
  commonOrigins: ReadonlySet<string> = new Set()
) {
  return relationsBetween(a, b, commonOrigins).length > 0
}

/**
 * The stored form of an origin: HMAC-SHA256 of "ip\nuser agent" under a
 * secret salt, so two sign-ins from one device compare equal while neither
 * the address nor the browser can be read back (an IPv4 address alone could
 * be recovered from an unsalted hash by trying them all). No user agent: no
 * device to compare.
 */
export function originHash(ip: string, userAgent: string | null | undefined, salt: string) {
  const agent = userAgent?.trim()
  if (!agent || !ip.trim()) return null
  return createHmac('sha256', salt).update(`${ip.trim()}\n${agent}`).digest('hex')
}

/** The relations as stored on an evaluation ("phone,device"); null when none. */
export function relationReason(kinds: RelationKind[]) {
  return kinds.length > 0 ? kinds.join(',') : null
}

/** The relations of a stored reason, unknown words left out. */
export function relationsOfReason(reason: string | null): RelationKind[] {
  if (!reason) return []
  const words = new Set(reason.split(','))
  return RELATION_KINDS.filter((kind) => words.has(kind))
}
