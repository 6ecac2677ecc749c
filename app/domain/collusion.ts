/*
 * Collusion signals for regulators (SPEC "Regulator console": 围标串标 —
 * identical quotes, shared contact data, rotating winners). Each signal is a
 * pure function over plain facts read from the database and returns findings
 * with their evidence. A finding is a reason to look, not a verdict: the
 * thresholds below are screening thresholds, chosen to keep ordinary
 * coincidences off the list.
 */
import { createHash } from 'node:crypto'

export const COLLUSION_THRESHOLDS = {
  /** Two quotes are near-identical when (higher − lower) ≤ 0.5 % of the higher. */
  nearIdenticalPermille: 5,
  /** …and a pair of agencies is listed when that happened on at least 2 projects. */
  nearIdenticalMinProjects: 2,
  /** A rotation group bid together on at least 3 projects… */
  rotationMinSharedProjects: 3,
  /** …won at least 75 % of them itself… */
  rotationMinGroupWinShare: 0.75,
  /** …with at least 2 different members winning; groups grow to at most 5 agencies. */
  rotationMinWinners: 2,
  rotationMaxGroupSize: 5,
  /** An owner choosing the same agency directly 3 times (in the period read) is listed. */
  directSelectionMinRepeats: 3,
  /**
   * An IP address or device fingerprint used by more than 10 agencies in the
   * period is shared infrastructure (a proxy, a NAT, the most common browser),
   * not evidence: it is reported apart and not flagged.
   */
  originMaxAgencies: 10,
} as const

export type CollusionThresholds = typeof COLLUSION_THRESHOLDS

// ————————————————————————————————————————————— near-identical quotes

/** An opened quote (quotes stay encrypted until opening and are never read before). */
export type QuoteFact = {
  projectId: number
  round: number
  agencyId: number
  quoteFen: number
  ceilingPriceFen: number
}

export type NearIdenticalQuotes = {
  kind: 'near_identical_quotes'
  agencyIds: [number, number]
  projects: {
    projectId: number
    quotes: { agencyId: number; quoteFen: number }[]
    /** (higher − lower) / higher, in per mille (‰), rounded to 0.01. */
    differencePermille: number
  }[]
}

/** Whether two quotes are within the tolerance of each other (integer arithmetic, no rounding). */
export function nearlyEqualQuotes(a: number, b: number, permille: number) {
  const [low, high] = a <= b ? [a, b] : [b, a]
  return (high - low) * 1000 <= permille * high
}

/**
 * 报价雷同: pairs of different agencies whose quotes on the same project (and
 * round) were identical or within 0.5 %, on at least two projects. Quotes at
 * the ceiling price are left out: quoting the maximum is common and says
 * nothing about who talked to whom.
 */
export function nearIdenticalQuotes(
  quotes: QuoteFact[],
  thresholds: CollusionThresholds = COLLUSION_THRESHOLDS
): NearIdenticalQuotes[] {
  const rounds = groupBy(
    quotes.filter((quote) => quote.quoteFen < quote.ceilingPriceFen),
    (quote) => `${quote.projectId}|${quote.round}`
  )
  const pairs = new Map<string, NearIdenticalQuotes>()
  for (const roundQuotes of rounds.values()) {
    const sorted = [...roundQuotes].sort(
      (x, y) => x.quoteFen - y.quoteFen || x.agencyId - y.agencyId
    )
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [low, high] = [sorted[i], sorted[j]]
        if (!nearlyEqualQuotes(low.quoteFen, high.quoteFen, thresholds.nearIdenticalPermille)) {
          break // sorted ascending: every later quote is further away
        }
        if (low.agencyId === high.agencyId) continue
        const agencyIds = [low.agencyId, high.agencyId].sort((x, y) => x - y) as [number, number]
        const key = agencyIds.join('|')
        const finding = pairs.get(key) ?? { kind: 'near_identical_quotes', agencyIds, projects: [] }
        pairs.set(key, finding)
        if (finding.projects.some((project) => project.projectId === low.projectId)) continue
        finding.projects.push({
          projectId: low.projectId,
          quotes: [
            { agencyId: low.agencyId, quoteFen: low.quoteFen },
            { agencyId: high.agencyId, quoteFen: high.quoteFen },
          ],
          differencePermille:
            Math.round(((high.quoteFen - low.quoteFen) * 100_000) / high.quoteFen) / 100,
        })
      }
    }
  }
  return [...pairs.values()]
    .filter((finding) => finding.projects.length >= thresholds.nearIdenticalMinProjects)
    .map((finding) => ({
      ...finding,
      projects: finding.projects.sort((x, y) => x.projectId - y.projectId),
    }))
    .sort(byProjectCountThenIds)
}

// ————————————————————————————————————————————— shared contact data and persons

/** An agency's contact data and the (hashed) ID numbers of the persons it names. */
export type ContactFact = {
  agencyId: number
  phone: string | null
  email: string | null
  persons: { idNumberHash: string; name: string }[]
}

export type SharedContact = {
  kind: 'shared_contact'
  via: 'phone' | 'email' | 'person'
  /** The phone number or e-mail address; for a person, the names each agency gives (never the ID number). */
  value: string
  agencyIds: number[]
  personNames?: { agencyId: number; name: string }[]
}

/** Digits only, without a leading +86/0086 country code. */
export function normalisePhone(phone: string) {
  const digits = phone.replace(/\D/g, '')
  return digits.replace(/^(00)?86(?=1\d{10}$)/, '')
}

/**
 * 关联关系: different agencies giving the same phone number or e-mail address,
 * or naming the same person (manager or practitioner, recognised by the
 * salted hash of the ID number). The market keeps no street address and no
 * bank account for agencies, so those cannot be compared.
 */
export function sharedContacts(agencies: ContactFact[]): SharedContact[] {
  const findings: SharedContact[] = []
  const collect = (
    via: SharedContact['via'],
    valuesOf: (agency: ContactFact) => { key: string; value: string; name?: string }[]
  ) => {
    const byKey = new Map<string, { value: string; agencies: Map<number, string | undefined> }>()
    for (const agency of agencies) {
      for (const { key, value, name } of valuesOf(agency)) {
        const entry = byKey.get(key) ?? { value, agencies: new Map() }
        entry.agencies.set(agency.agencyId, name)
        byKey.set(key, entry)
      }
    }
    for (const entry of byKey.values()) {
      if (entry.agencies.size < 2) continue
      const agencyIds = [...entry.agencies.keys()].sort((x, y) => x - y)
      if (via === 'person') {
        const personNames = agencyIds.map((id) => ({ agencyId: id, name: entry.agencies.get(id)! }))
        const names = [...new Set(personNames.map((person) => person.name))].join(' / ')
        findings.push({ kind: 'shared_contact', via, value: names, agencyIds, personNames })
      } else {
        findings.push({ kind: 'shared_contact', via, value: entry.value, agencyIds })
      }
    }
  }
  collect('phone', (agency) => {
    const phone = agency.phone ? normalisePhone(agency.phone) : ''
    return phone.length >= 7 ? [{ key: phone, value: phone }] : []
  })
  collect('email', (agency) => {
    const email = agency.email?.trim().toLowerCase() ?? ''
    return email.includes('@') ? [{ key: email, value: email }] : []
  })
  collect('person', (agency) =>
    agency.persons.map((person) => ({
      key: person.idNumberHash,
      value: person.name,
      name: person.name,
    }))
  )
  const order = { phone: 0, email: 1, person: 2 }
  return findings.sort(
    (x, y) =>
      order[x.via] - order[y.via] ||
      y.agencyIds.length - x.agencyIds.length ||
      x.agencyIds[0] - y.agencyIds[0] ||
      x.value.localeCompare(y.value)
  )
}

// ————————————————————————————————————————————— same IP address or device

/**
 * A device fingerprint from what every request carries: SHA-256 of the user
 * agent and the accepted languages. Weak alone (many people run the same
 * browser); it counts only together with other facts, and a fingerprint
 * shared by many agencies is set aside (see originMaxAgencies).
 */
export function deviceFingerprint(userAgent: string | null, acceptLanguage: string | null) {
  if (!userAgent) return null
  return createHash('sha256')
    .update(`${userAgent.trim()}\n${(acceptLanguage ?? '').trim()}`)
    .digest('hex')
}

/** Where a bid came from. */
export type OriginFact = {
  projectId: number
  agencyId: number
  ip: string | null
  deviceFingerprint: string | null
}

export type SharedOrigin = {
  kind: 'shared_origin'
  via: 'ip' | 'device'
  value: string
  projectId: number
  agencyIds: number[]
}

/**
 * 同一IP/设备投标: different agencies bidding on the same project from the same
 * IP address or the same device fingerprint. Origins used by more agencies
 * than `originMaxAgencies` over all the facts are returned apart as common.
 */
export function sharedOrigins(
  bids: OriginFact[],
  thresholds: CollusionThresholds = COLLUSION_THRESHOLDS
): {
  findings: SharedOrigin[]
  commonOrigins: { via: 'ip' | 'device'; value: string; agencies: number }[]
} {
  const findings: SharedOrigin[] = []
  const commonOrigins: { via: 'ip' | 'device'; value: string; agencies: number }[] = []
  for (const via of ['ip', 'device'] as const) {
    const valueOf = (bid: OriginFact) => (via === 'ip' ? bid.ip : bid.deviceFingerprint)
    const withValue = bids.filter((bid) => valueOf(bid))
    const agenciesPerValue = new Map<string, Set<number>>()
    for (const bid of withValue) {
      const set = agenciesPerValue.get(valueOf(bid)!) ?? new Set()
      set.add(bid.agencyId)
      agenciesPerValue.set(valueOf(bid)!, set)
    }
    for (const [value, agencies] of agenciesPerValue) {
      if (agencies.size > thresholds.originMaxAgencies) {
        commonOrigins.push({ via, value, agencies: agencies.size })
      }
    }
    const groups = groupBy(withValue, (bid) => `${bid.projectId}|${valueOf(bid)}`)
    for (const group of groups.values()) {
      const value = valueOf(group[0])!
      if (agenciesPerValue.get(value)!.size > thresholds.originMaxAgencies) continue
      const agencyIds = [...new Set(group.map((bid) => bid.agencyId))].sort((x, y) => x - y)
      if (agencyIds.length < 2) continue
      findings.push({ kind: 'shared_origin', via, value, projectId: group[0].projectId, agencyIds })
    }
  }
  findings.sort(
    (x, y) =>
      x.projectId - y.projectId || x.via.localeCompare(y.via) || x.value.localeCompare(y.value)
  )
  // IP addresses first, the most shared first: the same list whatever order the bids came in.
  commonOrigins.sort(
    (x, y) =>
      Number(x.via === 'device') - Number(y.via === 'device') ||
      y.agencies - x.agencies ||
      x.value.localeCompare(y.value)
  )
  return { findings, commonOrigins }
}

// ————————————————————————————————————————————— rotating winners

/** A project that was awarded: who bid (valid or not) and who won. */
export type AwardFact = { projectId: number; bidderIds: number[]; winnerId: number }

export type RotatingWinners = {
  kind: 'rotating_winners'
  agencyIds: number[]
  /** The projects every member bid on, with their winner. */
  projects: { projectId: number; winnerId: number }[]
  wins: { agencyId: number; count: number }[]
}

/**
 * 轮流中标: a group of agencies that keep bidding together and take turns
 * winning. A group qualifies when its members all bid on at least 3 of the
 * same projects, members won at least 75 % of those, and at least two
 * different members won. Groups start from qualifying pairs and grow one
 * agency at a time (lowest id first) while they still qualify, up to 5
 * members; groups inside a larger qualifying group are not listed again.
 */
export function rotatingWinners(
  awards: AwardFact[],
  thresholds: CollusionThresholds = COLLUSION_THRESHOLDS
): RotatingWinners[] {
  // Read in one pass, a step per bid: the projects of each agency, and for each winner the
  // agencies it won over (wonOver: projects a won that b bid on too). A pair can only qualify
  // when one of the two won over the other (a positive share of wins), so only such pairs are
  // looked at, not every pair of agencies that bid together.
  const winnerOf = new Map<number, number>()
  const biddersOf = new Map<number, number[]>()
  const projectListOf = new Map<number, number[]>()
  let maxId = 0
  for (const award of awards) {
    for (const id of award.bidderIds) if (id > maxId) maxId = id
    if (award.winnerId > maxId) maxId = award.winnerId
  }
  const base = maxId + 1
  const numericKeys = base * base < Number.MAX_SAFE_INTEGER
  const pairKey = numericKeys
    ? (a: number, b: number) => a * base + b
    : (a: number, b: number) => `${a}|${b}`
  const wonOverByKey = new Map<number | string, number>()
  for (const award of awards) {
    const bidders = [...new Set(award.bidderIds)]
    winnerOf.set(award.projectId, award.winnerId)
    biddersOf.set(award.projectId, bidders)
    const winnerBid = bidders.includes(award.winnerId)
    for (const agency of bidders) {
      const list = projectListOf.get(agency)
      if (list) list.push(award.projectId)
      else projectListOf.set(agency, [award.projectId])
      if (winnerBid && agency !== award.winnerId) {
        const key = pairKey(award.winnerId, agency)
        wonOverByKey.set(key, (wonOverByKey.get(key) ?? 0) + 1)
      }
    }
  }
  const won = (a: number, b: number) => wonOverByKey.get(pairKey(a, b)) ?? 0

  const projectSets = new Map<number, Set<number>>()
  /** The projects an agency bid on (as a set, made when first needed). */
  const projectsOf = (agency: number) => {
    let set = projectSets.get(agency)
    if (!set) projectSets.set(agency, (set = new Set(projectListOf.get(agency) ?? [])))
    return set
  }
  const sharedCounts = new Map<number | string, number>()
  /** How many projects two agencies both bid on. */
  const sharedCount = (a: number, b: number) => {
    const key = a < b ? pairKey(a, b) : pairKey(b, a)
    let count = sharedCounts.get(key)
    if (count === undefined) {
      const [small, large] = [projectsOf(a), projectsOf(b)].sort((x, y) => x.size - y.size)
      count = 0
      for (const projectId of small) if (large.has(projectId)) count += 1
      sharedCounts.set(key, count)
    }
    return count
  }
  const often = (a: number, b: number) => sharedCount(a, b) >= thresholds.rotationMinSharedProjects

  const evaluate = (group: number[]): RotatingWinners | null => {
    let shared = [...projectsOf(group[0])]
    for (const member of group.slice(1)) {
      const projects = projectsOf(member)
      shared = shared.filter((projectId) => projects.has(projectId))
    }
    if (shared.length < thresholds.rotationMinSharedProjects) return null
    const members = new Set(group)
    const wins = new Map<number, number>()
    for (const projectId of shared) {
      const winner = winnerOf.get(projectId)!
      if (members.has(winner)) wins.set(winner, (wins.get(winner) ?? 0) + 1)
    }
    const total = [...wins.values()].reduce((sum, count) => sum + count, 0)
    if (total < thresholds.rotationMinGroupWinShare * shared.length) return null
    if (wins.size < thresholds.rotationMinWinners) return null
    return {
      kind: 'rotating_winners',
      agencyIds: group,
      projects: shared
        .sort((x, y) => x - y)
        .map((projectId) => ({ projectId, winnerId: winnerOf.get(projectId)! })),
      wins: group.map((agencyId) => ({ agencyId, count: wins.get(agencyId) ?? 0 })),
    }
  }

  const found = new Map<string, RotatingWinners>()
  /**
   * A qualifying pair grows one agency at a time (lowest id first) while it
   * still qualifies. A candidate must bid often with every member, so only the
   * agencies that bid with the pair's first member are tried.
   */
  const growGroup = (pair: [number, number]) => {
    let group: number[] = pair
    let finding = evaluate(group)
    if (!finding) return
    const coBidders = new Set<number>()
    for (const projectId of projectsOf(pair[0])) {
      for (const agency of biddersOf.get(projectId)!) coBidders.add(agency)
    }
    for (const candidate of [...coBidders].sort((x, y) => x - y)) {
      if (group.length >= thresholds.rotationMaxGroupSize) break
      if (group.includes(candidate) || !group.every((member) => often(member, candidate))) continue
      const larger = evaluate([...group, candidate].sort((x, y) => x - y))
      if (larger) {
        group = larger.agencyIds
        finding = larger
      }
    }
    found.set(group.join('|'), finding)
  }
  const looked = new Set<number | string>()
  for (const key of wonOverByKey.keys()) {
    const [a, b] =
      typeof key === 'number'
        ? [Math.floor(key / base), key % base]
        : (key.split('|').map(Number) as [number, number])
    const [lower, higher] = a < b ? [a, b] : [b, a]
    const pair = pairKey(lower, higher)
    if (looked.has(pair)) continue
    looked.add(pair)
    // What evaluate() would find for the pair, from the counts: most pairs stop here.
    const lowerWon = won(lower, higher)
    const higherWon = won(higher, lower)
    if (Number(lowerWon > 0) + Number(higherWon > 0) < thresholds.rotationMinWinners) continue
    const shared = sharedCount(lower, higher)
    if (shared < thresholds.rotationMinSharedProjects) continue
    if (lowerWon + higherWon < thresholds.rotationMinGroupWinShare * shared) continue
    growGroup([lower, higher])
  }
  const groups = [...found.values()]
  return groups
    .filter(
      (finding) =>
        !groups.some(
          (other) =>
            other.agencyIds.length > finding.agencyIds.length &&
            finding.agencyIds.every((id) => other.agencyIds.includes(id))
        )
    )
    .sort(byProjectCountThenIds)
}

// ————————————————————————————————————————————— repeated direct selection

/** A direct selection (直接选取) an owner made: the agency it named. */
export type DirectSelectionFact = { projectId: number; ownerId: number; agencyId: number }

export type RepeatedDirectSelection = {
  kind: 'repeated_direct_selection'
  ownerId: number
  agencyIds: [number]
  projectIds: number[]
}

/** 反复直接选取: an owner naming the same agency by direct selection at least 3 times. */
export function repeatedDirectSelections(
  selections: DirectSelectionFact[],
  thresholds: CollusionThresholds = COLLUSION_THRESHOLDS
): RepeatedDirectSelection[] {
  const groups = groupBy(selections, (selection) => `${selection.ownerId}|${selection.agencyId}`)
  return [...groups.values()]
    .map((group) => ({
      kind: 'repeated_direct_selection' as const,
      ownerId: group[0].ownerId,
      agencyIds: [group[0].agencyId] as [number],
      projectIds: [...new Set(group.map((selection) => selection.projectId))].sort((x, y) => x - y),
    }))
    .filter((finding) => finding.projectIds.length >= thresholds.directSelectionMinRepeats)
    .sort(
      (x, y) =>
        y.projectIds.length - x.projectIds.length ||
        x.ownerId - y.ownerId ||
        x.agencyIds[0] - y.agencyIds[0]
    )
}

// ————————————————————————————————————————————— helpers

function groupBy<T>(values: T[], keyOf: (value: T) => string) {
  const groups = new Map<string, T[]>()
  for (const value of values) {
    const key = keyOf(value)
    const group = groups.get(key)
    if (group) group.push(value)
    else groups.set(key, [value])
  }
  return groups
}

function byProjectCountThenIds(
  x: { projects: unknown[]; agencyIds: number[] },
  y: { projects: unknown[]; agencyIds: number[] }
) {
  return (
    y.projects.length - x.projects.length ||
    x.agencyIds.join(',').localeCompare(y.agencyIds.join(','), 'en', { numeric: true })
  )
}
