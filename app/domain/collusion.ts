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

/** Thresholds of the same shape (other values: in tests, or to try a screening). */
export type CollusionThresholds = { [name in keyof typeof COLLUSION_THRESHOLDS]: number }

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
  // The rounds of each project, in the order they come (a pair's evidence on a project is its
  // first round), each sorted by quote.
  const roundsOf = new Map<number, Map<number, QuoteFact[]>>()
  for (const quote of quotes) {
    if (quote.quoteFen >= quote.ceilingPriceFen) continue
    let rounds = roundsOf.get(quote.projectId)
    if (!rounds) roundsOf.set(quote.projectId, (rounds = new Map()))
    const round = rounds.get(quote.round)
    if (round) round.push(quote)
    else rounds.set(quote.round, [quote])
  }
  const sortedRounds: QuoteFact[][] = []
  for (const rounds of roundsOf.values()) {
    for (const round of rounds.values()) {
      sortedRounds.push(round.sort((x, y) => x.quoteFen - y.quoteFen || x.agencyId - y.agencyId))
    }
  }
  /** Every near-identical pair of quotes of different agencies in a round, lower quote first. */
  const eachNearPair = (visit: (low: QuoteFact, high: QuoteFact) => void) => {
    for (const sorted of sortedRounds) {
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) {
          const [low, high] = [sorted[i], sorted[j]]
          if (!nearlyEqualQuotes(low.quoteFen, high.quoteFen, thresholds.nearIdenticalPermille)) {
            break // sorted ascending: every later quote is further away
          }
          if (low.agencyId !== high.agencyId) visit(low, high)
        }
      }
    }
  }
  /** Pair tallies by lower agency id, then higher. */
  const byPair = <T>(pairs: Map<number, Map<number, T>>, a: number, b: number) => {
    const [lower, higher] = a < b ? [a, b] : [b, a]
    let ofLower = pairs.get(lower)
    if (!ofLower) pairs.set(lower, (ofLower = new Map()))
    return { value: ofLower.get(higher), set: (value: T) => ofLower.set(higher, value) }
  }

  // First the pairs seen on two projects or more, counted without evidence: most near pairs
  // are a single coincidence, and only the others are written out.
  const ON_SEVERAL = Number.POSITIVE_INFINITY
  const firstProjectOf = new Map<number, Map<number, number>>()
  const listed = (low: QuoteFact, high: QuoteFact) =>
    thresholds.nearIdenticalMinProjects <= 1 ||
    byPair(firstProjectOf, low.agencyId, high.agencyId).value === ON_SEVERAL
  if (thresholds.nearIdenticalMinProjects > 1) {
    eachNearPair((low, high) => {
      const first = byPair(firstProjectOf, low.agencyId, high.agencyId)
      if (first.value === undefined) first.set(low.projectId)
      else if (first.value !== low.projectId) first.set(ON_SEVERAL)
    })
  }

  const pairs = new Map<number, Map<number, NearIdenticalQuotes>>()
  eachNearPair((low, high) => {
    if (!listed(low, high)) return
    const entry = byPair(pairs, low.agencyId, high.agencyId)
    const agencyIds = [low.agencyId, high.agencyId].sort((x, y) => x - y) as [number, number]
    const finding = entry.value ?? { kind: 'near_identical_quotes', agencyIds, projects: [] }
    entry.set(finding)
    if (finding.projects.some((project) => project.projectId === low.projectId)) return
    finding.projects.push({
      projectId: low.projectId,
      quotes: [
        { agencyId: low.agencyId, quoteFen: low.quoteFen },
        { agencyId: high.agencyId, quoteFen: high.quoteFen },
      ],
      differencePermille:
        Math.round(((high.quoteFen - low.quoteFen) * 100_000) / high.quoteFen) / 100,
    })
  })
  return [...pairs.values()]
    .flatMap((ofLower) => [...ofLower.values()])
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

/** A project that was awarded (one fact per project): who bid (valid or not) and who won. */
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
  const market = indexAwards(awards)
  const { bidders, bidOn, won } = market
  /** How many of the awards in `lists` (of agency `a`) agency `b` bid on. */
  const countWith = (lists: AwardLists, a: number, b: number) => {
    const slot = market.slotOf(a)
    let count = 0
    for (let at = lists.offsets[slot]; at < lists.offsets[slot + 1]; at++) {
      if (bidders[lists.awards[at]].includes(b)) count += 1
    }
    return count
  }
  /** How many projects both `a` and `b` bid on. */
  const sharedCount = (a: number, b: number) =>
    bidOn.count(market.slotOf(a)) <= bidOn.count(market.slotOf(b))
      ? countWith(bidOn, a, b)
      : countWith(bidOn, b, a)
  /** How many projects `a` won that `b` bid on too. */
  const wonOver = (a: number, b: number) =>
    won.count(market.slotOf(a)) === 0 ? 0 : countWith(won, a, b)
  const often = (a: number, b: number) => sharedCount(a, b) >= thresholds.rotationMinSharedProjects

  const evaluate = (group: number[]): RotatingWinners | null => {
    const rest = group.slice(1)
    const shared = [...market.awardsOf(bidOn, group[0])].filter((award) =>
      rest.every((member) => bidders[award].includes(member))
    )
    if (shared.length < thresholds.rotationMinSharedProjects) return null
    const wins = new Map<number, number>()
    for (const award of shared) {
      const winner = awards[award].winnerId
      if (group.includes(winner)) wins.set(winner, (wins.get(winner) ?? 0) + 1)
    }
    const total = [...wins.values()].reduce((sum, count) => sum + count, 0)
    if (total < thresholds.rotationMinGroupWinShare * shared.length) return null
    if (wins.size < thresholds.rotationMinWinners) return null
    return {
      kind: 'rotating_winners',
      agencyIds: group,
      projects: shared
        .map((award) => ({ projectId: awards[award].projectId, winnerId: awards[award].winnerId }))
        .sort((x, y) => x.projectId - y.projectId),
      wins: group.map((agencyId) => ({ agencyId, count: wins.get(agencyId) ?? 0 })),
    }
  }

  const found = new Map<string, RotatingWinners>()
  /**
   * A qualifying pair grows one agency at a time (lowest id first) while it
   * still qualifies. A candidate must bid often with every member, so only the
   * agencies that bid often with the pair's first member are tried.
   */
  const growGroup = (pair: [number, number]) => {
    let group: number[] = pair
    let finding = evaluate(group)
    if (!finding) return
    const together = new Map<number, number>()
    for (const award of market.awardsOf(bidOn, pair[0])) {
      for (const agency of bidders[award]) together.set(agency, (together.get(agency) ?? 0) + 1)
    }
    const candidates = [...together]
      .filter(([, count]) => count >= thresholds.rotationMinSharedProjects)
      .map(([agency]) => agency)
      .sort((x, y) => x - y)
    for (const candidate of candidates) {
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

  // A pair can only qualify when one of the two won over the other (a positive share of
  // wins), so only such pairs are looked at: for each winner in turn, the agencies it won
  // over are tallied in one array (a step per bid), not every pair that bid together.
  const twoWinners = thresholds.rotationMinWinners > 1
  const fewestWins = thresholds.rotationMinGroupWinShare * thresholds.rotationMinSharedProjects
  const tally = market.slotArray()
  const tallied: number[] = []
  for (const winner of market.winners) {
    for (const award of market.awardsOf(won, winner)) {
      for (const agency of bidders[award]) {
        if (agency === winner) continue
        const slot = market.slotOf(agency)
        // An agency that never won adds no second winner: most agencies stop here.
        if (twoWinners && won.count(slot) === 0) continue
        if (tally[slot]++ === 0) tallied.push(agency)
      }
    }
    for (const agency of tallied) {
      const slot = market.slotOf(agency)
      const winnerWon = tally[slot]
      tally[slot] = 0
      // The pair's wins are at most the winner's over the agency and all of the agency's.
      if (winnerWon + won.count(slot) < fewestWins) continue
      const agencyWon = wonOver(agency, winner)
      // Each pair once: from its lower member when both won over the other.
      if (agency < winner && agencyWon > 0) continue
      // What evaluate() would find for the pair, from the counts.
      if (Number(winnerWon > 0) + Number(agencyWon > 0) < thresholds.rotationMinWinners) continue
      const shared = sharedCount(winner, agency)
      if (shared < thresholds.rotationMinSharedProjects) continue
      if (winnerWon + agencyWon < thresholds.rotationMinGroupWinShare * shared) continue
      growGroup(winner < agency ? [winner, agency] : [agency, winner])
    }
    tallied.length = 0
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

/**
 * The awards read once into flat arrays: each award's agencies (each once),
 * and for each agency the awards it bid on and those it won while bidding
 * (positions in `awards`), so that the rotation search never builds a map
 * entry per bid. An agency's slot is its id when the ids are small enough
 * for a table, else a number given in order of appearance.
 */
function indexAwards(awards: AwardFact[]) {
  let bids = 0
  let maxId = 0
  let smallIds = true
  const bidders = awards.map((award) => {
    const ids = award.bidderIds.filter((id, index, all) => all.indexOf(id) === index)
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id < 0) smallIds = false
      else if (id > maxId) maxId = id
    }
    bids += ids.length
    return ids
  })
  smallIds &&= maxId <= 4 * bids + 1024
  const slotById = new Map<number, number>()
  if (!smallIds) {
    for (const ids of bidders) {
      for (const id of ids) if (!slotById.has(id)) slotById.set(id, slotById.size)
    }
  }
  const slotOf = smallIds ? (id: number) => id : (id: number) => slotById.get(id)!
  const slots = smallIds ? maxId + 1 : slotById.size
  const winnerBid = awards.map((award, index) => bidders[index].includes(award.winnerId))
  /** Positions of awards grouped by agency slot, from each (award, agency) that `each` visits. */
  const group = (each: (visit: (index: number, id: number) => void) => void): AwardLists => {
    const offsets = new Int32Array(slots + 1)
    each((_, id) => (offsets[slotOf(id) + 1] += 1))
    for (let slot = 0; slot < slots; slot++) offsets[slot + 1] += offsets[slot]
    const positions = new Int32Array(offsets[slots])
    const next = offsets.slice(0, slots)
    each((index, id) => (positions[next[slotOf(id)]++] = index))
    return { offsets, awards: positions, count: (slot) => offsets[slot + 1] - offsets[slot] }
  }
  const winners = new Set<number>()
  awards.forEach((award, index) => winnerBid[index] && winners.add(award.winnerId))
  return {
    bidders,
    bidOn: group((visit) => bidders.forEach((ids, index) => ids.forEach((id) => visit(index, id)))),
    won: group((visit) =>
      awards.forEach((award, index) => winnerBid[index] && visit(index, award.winnerId))
    ),
    winners: [...winners],
    slotOf,
    /** The awards of an agency in one of the lists. */
    awardsOf: (lists: AwardLists, id: number) => {
      const slot = slotOf(id)
      return lists.awards.subarray(lists.offsets[slot], lists.offsets[slot + 1])
    },
    slotArray: () => new Int32Array(slots),
  }
}

/** Awards (positions) grouped by agency slot: those of a slot run from offsets[slot] to offsets[slot + 1]. */
type AwardLists = { offsets: Int32Array; awards: Int32Array; count: (slot: number) => number }

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
