import { test } from '@japa/runner'
import { seededRandom } from '#domain/seeded_random'
import {
  COLLUSION_THRESHOLDS,
  deviceFingerprint,
  nearIdenticalQuotes,
  nearlyEqualQuotes,
  normalisePhone,
  repeatedDirectSelections,
  rotatingWinners,
  sharedContacts,
  sharedOrigins,
  type AwardFact,
  type CollusionThresholds,
  type OriginFact,
  type RotatingWinners,
  type QuoteFact,
} from '#domain/collusion'

const CEILING = 8_000_000
const quote = (projectId: number, agencyId: number, quoteFen: number, round = 1): QuoteFact => ({
  projectId,
  round,
  agencyId,
  quoteFen,
  ceilingPriceFen: CEILING,
})

test.group('Collusion: near-identical quotes (报价雷同)', () => {
  test('0.5 % apart is near-identical, 0.6 % is not (integer arithmetic)', ({ assert }) => {
    assert.isTrue(nearlyEqualQuotes(5_000_000, 5_000_000, 5))
    // 25,000 fen of 5,025,000 = 0.4975 %
    assert.isTrue(nearlyEqualQuotes(5_000_000, 5_025_000, 5))
    // exactly 0.5 % of the higher quote
    assert.isTrue(nearlyEqualQuotes(4_975_000, 5_000_000, 5))
    // 30,000 of 5,030,000 = 0.596 %
    assert.isFalse(nearlyEqualQuotes(5_000_000, 5_030_000, 5))
  })

  test('a pair of agencies quoting within 0.5 % on two projects is listed with both projects as evidence', ({
    assert,
  }) => {
    const findings = nearIdenticalQuotes([
      quote(1, 10, 5_000_000),
      quote(1, 11, 5_020_000),
      quote(1, 12, 6_000_000),
      quote(2, 10, 4_400_000),
      quote(2, 11, 4_400_000),
      quote(2, 12, 4_800_000),
    ])
    assert.deepEqual(findings, [
      {
        kind: 'near_identical_quotes',
        agencyIds: [10, 11],
        projects: [
          {
            projectId: 1,
            quotes: [
              { agencyId: 10, quoteFen: 5_000_000 },
              { agencyId: 11, quoteFen: 5_020_000 },
            ],
            differencePermille: 3.98,
          },
          {
            projectId: 2,
            quotes: [
              { agencyId: 10, quoteFen: 4_400_000 },
              { agencyId: 11, quoteFen: 4_400_000 },
            ],
            differencePermille: 0,
          },
        ],
      },
    ])
  })

  test('not listed: 0.6 % apart, a single coincidence, quotes at the ceiling, the same agency in two rounds', ({
    assert,
  }) => {
    assert.lengthOf(
      nearIdenticalQuotes([
        quote(1, 10, 5_000_000),
        quote(1, 11, 5_030_000),
        quote(2, 10, 5_000_000),
        quote(2, 11, 5_030_000),
      ]),
      0
    )
    assert.lengthOf(nearIdenticalQuotes([quote(1, 10, 5_000_000), quote(1, 11, 5_000_000)]), 0)
    assert.lengthOf(
      nearIdenticalQuotes([
        quote(1, 10, CEILING),
        quote(1, 11, CEILING),
        quote(2, 10, CEILING),
        quote(2, 11, CEILING),
      ]),
      0
    )
    assert.lengthOf(
      nearIdenticalQuotes([
        quote(1, 10, 5_000_000, 1),
        quote(1, 10, 5_000_000, 2),
        quote(2, 10, 5_000_000, 1),
        quote(2, 10, 5_000_000, 2),
      ]),
      0
    )
    // Quotes of two different projects are never compared with each other.
    assert.lengthOf(
      nearIdenticalQuotes([
        quote(1, 10, 5_000_000),
        quote(2, 11, 5_000_000),
        quote(3, 10, 5_000_000),
        quote(4, 11, 5_000_000),
      ]),
      0
    )
  })
})

test.group('Collusion: near-identical quotes counted before they are written out', () => {
  test('a pair near in two rounds of one project is one coincidence; its evidence is the round that came first', ({
    assert,
  }) => {
    assert.lengthOf(
      nearIdenticalQuotes([
        quote(1, 10, 5_000_000, 1),
        quote(1, 11, 5_010_000, 1),
        quote(1, 10, 4_000_000, 2),
        quote(1, 11, 4_000_000, 2),
      ]),
      0
    )
    const findings = nearIdenticalQuotes([
      quote(1, 10, 4_000_000, 2),
      quote(2, 11, 6_000_000),
      quote(1, 11, 4_000_000, 2),
      quote(2, 10, 6_000_000),
      quote(1, 10, 5_000_000, 1),
      quote(1, 11, 5_010_000, 1),
    ])
    assert.deepEqual(
      findings[0].projects.map((project) => [project.projectId, project.differencePermille]),
      [
        [1, 0],
        [2, 0],
      ]
    )
  })

  test('with a threshold of one project every near pair is listed, with two of three only those seen on three', ({
    assert,
  }) => {
    const quotes = [
      quote(1, 10, 5_000_000),
      quote(1, 11, 5_000_000),
      quote(2, 10, 5_000_000),
      quote(2, 11, 5_000_000),
      quote(2, 12, 5_010_000),
      quote(3, 10, 5_000_000),
      quote(3, 11, 5_010_000),
    ]
    const withThreshold = (nearIdenticalMinProjects: number) =>
      nearIdenticalQuotes(quotes, { ...COLLUSION_THRESHOLDS, nearIdenticalMinProjects }).map(
        (finding) => [finding.agencyIds, finding.projects.length]
      )
    assert.deepEqual(withThreshold(1), [
      [[10, 11], 3],
      [[10, 12], 1],
      [[11, 12], 1],
    ])
    assert.deepEqual(withThreshold(3), [[[10, 11], 3]])
    assert.deepEqual(withThreshold(4), [])
  })
})

test.group('Collusion: shared contact data and persons (关联关系)', () => {
  test('phones compare by digits without the country code', ({ assert }) => {
    assert.equal(normalisePhone('+86 138-0000-2001'), '13800002001')
    assert.equal(normalisePhone('0086 13800002001'), '13800002001')
    assert.equal(normalisePhone('028-8888 6666'), '02888886666')
  })

  test('agencies sharing a phone, an e-mail address or a named person are listed; the ID hash never shows', ({
    assert,
  }) => {
    const findings = sharedContacts([
      {
        agencyId: 1,
        phone: '13800002001',
        email: 'a@x.cn',
        persons: [{ idNumberHash: 'h1', name: '张伟' }],
      },
      { agencyId: 2, phone: '+86 138 0000 2001', email: 'b@x.cn', persons: [] },
      {
        agencyId: 3,
        phone: '13900000000',
        email: ' A@X.cn ',
        persons: [{ idNumberHash: 'h1', name: '张 伟' }],
      },
      { agencyId: 4, phone: null, email: null, persons: [{ idNumberHash: 'h2', name: '李娜' }] },
    ])
    assert.deepEqual(findings, [
      { kind: 'shared_contact', via: 'phone', value: '13800002001', agencyIds: [1, 2] },
      { kind: 'shared_contact', via: 'email', value: 'a@x.cn', agencyIds: [1, 3] },
      {
        kind: 'shared_contact',
        via: 'person',
        value: '张伟 / 张 伟',
        agencyIds: [1, 3],
        personNames: [
          { agencyId: 1, name: '张伟' },
          { agencyId: 3, name: '张 伟' },
        ],
      },
    ])
    assert.notInclude(JSON.stringify(findings), 'h1')
  })

  test('nothing shared, nothing listed (missing data is not a match)', ({ assert }) => {
    assert.lengthOf(
      sharedContacts([
        { agencyId: 1, phone: null, email: null, persons: [] },
        { agencyId: 2, phone: null, email: '', persons: [] },
        { agencyId: 3, phone: '123', email: null, persons: [] },
        { agencyId: 4, phone: '123', email: null, persons: [] },
      ]),
      0
    )
  })
})

test.group('Collusion: same IP address or device (同一IP/设备)', () => {
  const bid = (
    projectId: number,
    agencyId: number,
    ip: string | null,
    device: string | null = null
  ): OriginFact => ({ projectId, agencyId, ip, deviceFingerprint: device })

  test('the fingerprint hashes the user agent and languages; no user agent, no fingerprint', ({
    assert,
  }) => {
    const chrome = deviceFingerprint('Mozilla/5.0 Chrome/140', 'zh-CN,zh;q=0.9')
    assert.match(chrome!, /^[0-9a-f]{64}$/)
    assert.equal(chrome, deviceFingerprint('Mozilla/5.0 Chrome/140 ', 'zh-CN,zh;q=0.9'))
    assert.notEqual(chrome, deviceFingerprint('Mozilla/5.0 Chrome/140', 'en-US'))
    assert.isNull(deviceFingerprint(null, 'zh-CN'))
  })

  test('two agencies bidding on one project from one IP, or one device, are listed per project', ({
    assert,
  }) => {
    const { findings, commonOrigins } = sharedOrigins([
      bid(1, 10, '10.0.0.7', 'd1'),
      bid(1, 11, '10.0.0.7', 'd2'),
      bid(1, 12, '10.0.0.9', 'd2'),
      // The same agency twice (a replaced bid) is not a pair.
      bid(2, 10, '10.0.0.8'),
      bid(2, 10, '10.0.0.8'),
      // The same IP on different projects is not a pair either.
      bid(3, 13, '10.0.0.5'),
      bid(4, 14, '10.0.0.5'),
    ])
    assert.deepEqual(findings, [
      { kind: 'shared_origin', via: 'device', value: 'd2', projectId: 1, agencyIds: [11, 12] },
      { kind: 'shared_origin', via: 'ip', value: '10.0.0.7', projectId: 1, agencyIds: [10, 11] },
    ])
    assert.lengthOf(commonOrigins, 0)
  })

  test('an origin used by more than 10 agencies is shared infrastructure: reported apart, not flagged', ({
    assert,
  }) => {
    const bids = Array.from({ length: 11 }, (_, i) => bid(1 + (i % 3), 100 + i, '192.0.2.1'))
    const { findings, commonOrigins } = sharedOrigins(bids)
    assert.lengthOf(findings, 0)
    assert.deepEqual(commonOrigins, [{ via: 'ip', value: '192.0.2.1', agencies: 11 }])
    assert.equal(COLLUSION_THRESHOLDS.originMaxAgencies, 10)
  })
})

test.group('Collusion: rotating winners (轮流中标)', () => {
  test('three agencies bidding together on four projects and taking turns are one group', ({
    assert,
  }) => {
    const findings = rotatingWinners([
      { projectId: 1, bidderIds: [1, 2, 3], winnerId: 1 },
      { projectId: 2, bidderIds: [1, 2, 3, 9], winnerId: 2 },
      { projectId: 3, bidderIds: [3, 2, 1], winnerId: 3 },
      { projectId: 4, bidderIds: [1, 2, 3], winnerId: 1 },
      // Agency 9 bid once with them: not a member.
      { projectId: 5, bidderIds: [9, 8], winnerId: 8 },
    ])
    assert.deepEqual(findings, [
      {
        kind: 'rotating_winners',
        agencyIds: [1, 2, 3],
        projects: [
          { projectId: 1, winnerId: 1 },
          { projectId: 2, winnerId: 2 },
          { projectId: 3, winnerId: 3 },
          { projectId: 4, winnerId: 1 },
        ],
        wins: [
          { agencyId: 1, count: 2 },
          { agencyId: 2, count: 1 },
          { agencyId: 3, count: 1 },
        ],
      },
    ])
  })

  test('not a rotation: two shared projects only, always the same winner, or mostly won by outsiders', ({
    assert,
  }) => {
    assert.lengthOf(
      rotatingWinners([
        { projectId: 1, bidderIds: [1, 2], winnerId: 1 },
        { projectId: 2, bidderIds: [1, 2], winnerId: 2 },
      ]),
      0
    )
    assert.lengthOf(
      rotatingWinners([
        { projectId: 1, bidderIds: [1, 2], winnerId: 1 },
        { projectId: 2, bidderIds: [1, 2], winnerId: 1 },
        { projectId: 3, bidderIds: [1, 2], winnerId: 1 },
      ]),
      0
    )
    assert.lengthOf(
      rotatingWinners([
        { projectId: 1, bidderIds: [1, 2, 7], winnerId: 1 },
        { projectId: 2, bidderIds: [1, 2, 7], winnerId: 2 },
        { projectId: 3, bidderIds: [1, 2, 7], winnerId: 7 },
      ]).filter((finding) => finding.agencyIds.join() === '1,2'),
      0,
      '2 of 3 (67 %) won inside the pair is below 75 %'
    )
  })

  test('three of four won inside the pair (75 %) with two winners is enough', ({ assert }) => {
    const findings = rotatingWinners([
      { projectId: 1, bidderIds: [1, 2, 7], winnerId: 1 },
      { projectId: 2, bidderIds: [1, 2], winnerId: 2 },
      { projectId: 3, bidderIds: [1, 2], winnerId: 1 },
      { projectId: 4, bidderIds: [1, 2, 7], winnerId: 7 },
    ])
    assert.deepEqual(
      findings.map((finding) => finding.agencyIds),
      [[1, 2]]
    )
  })
})

/** The rotation search as first written (every pair bid on together evaluated in full): the reference. */
function rotatingWinnersByEvaluatingEveryPair(
  awards: AwardFact[],
  thresholds: CollusionThresholds = COLLUSION_THRESHOLDS
): RotatingWinners[] {
  const winnerOf = new Map(awards.map((award) => [award.projectId, award.winnerId]))
  const projectsOf = new Map<number, Set<number>>()
  const together = new Map<string, number>()
  for (const award of awards) {
    const bidders = [...new Set(award.bidderIds)].sort((x, y) => x - y)
    for (const agency of bidders) {
      const set = projectsOf.get(agency) ?? new Set()
      set.add(award.projectId)
      projectsOf.set(agency, set)
    }
    for (let i = 0; i < bidders.length; i++) {
      for (let j = i + 1; j < bidders.length; j++) {
        const key = `${bidders[i]}|${bidders[j]}`
        together.set(key, (together.get(key) ?? 0) + 1)
      }
    }
  }
  const often = (a: number, b: number) =>
    (together.get(a < b ? `${a}|${b}` : `${b}|${a}`) ?? 0) >= thresholds.rotationMinSharedProjects

  const evaluate = (group: number[]): RotatingWinners | null => {
    let shared = [...projectsOf.get(group[0])!]
    for (const member of group.slice(1)) {
      const projects = projectsOf.get(member)!
      shared = shared.filter((projectId) => projects.has(projectId))
    }
    if (shared.length < thresholds.rotationMinSharedProjects) return null
    const members = new Set(group)
    const wins = new Map<number, number>()
    for (const projectId of shared) {
      const winner = winnerOf.get(projectId)!
      if (members.has(winner)) wins.set(winner, (wins.get(winner) ?? 0) + 1)
    }
    const won = [...wins.values()].reduce((sum, count) => sum + count, 0)
    if (won < thresholds.rotationMinGroupWinShare * shared.length) return null
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

  const agencies = [...projectsOf.keys()].sort((x, y) => x - y)
  const found = new Map<string, RotatingWinners>()
  for (const [key, count] of together) {
    if (count < thresholds.rotationMinSharedProjects) continue
    let group = key.split('|').map(Number)
    let finding = evaluate(group)
    if (!finding) continue
    for (const candidate of agencies) {
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
    .sort(
      (x, y) =>
        y.projects.length - x.projects.length ||
        x.agencyIds.join(',').localeCompare(y.agencyIds.join(','), 'en', { numeric: true })
    )
}

/**
 * A random market's awards: 10 to 69 projects, each bid by some of 4 to 13 agencies (numbered
 * by `idOf`; with `repeatedBidder`, one in ten names its first bidder twice) and won by one of
 * its bidders nine times in ten, else by an agency that did not bid.
 */
function randomAwards(
  random: () => number,
  options: { idOf?: (n: number) => number; repeatedBidder?: boolean } = {}
) {
  const idOf = options.idOf ?? ((n: number) => n)
  const agencies = 4 + Math.floor(random() * 10)
  const awards: AwardFact[] = []
  for (let projectId = 1; projectId <= 10 + Math.floor(random() * 60); projectId++) {
    const bidderIds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
      .slice(0, agencies)
      .filter(() => random() < 0.4)
      .map(idOf)
    if (bidderIds.length === 0) continue
    if (options.repeatedBidder && random() < 0.1) bidderIds.push(bidderIds[0])
    const winnerId =
      random() < 0.9 ? bidderIds[Math.floor(random() * bidderIds.length)] : idOf(agencies + 1)
    awards.push({ projectId, bidderIds, winnerId })
  }
  return awards
}

test.group('Collusion: rotating winners against the first search', () => {
  test('on random markets the pair tallies find exactly the groups evaluating every pair finds', ({
    assert,
  }) => {
    const random = seededRandom(7).next
    let findings = 0
    for (let market = 0; market < 40; market++) {
      const awards = randomAwards(random)
      const expected = rotatingWinnersByEvaluatingEveryPair(awards)
      findings += expected.length
      assert.deepEqual(rotatingWinners(awards), expected)
    }
    assert.isAbove(findings, 20)
  })

  test('the same with ids far apart, an agency named twice among the bidders, winners who did not bid, and other thresholds', ({
    assert,
  }) => {
    const random = seededRandom(19).next
    // Ids this far apart are numbered in order of appearance rather than used as places in a table.
    const idOf = (n: number) => n * 1_000_003
    const lenient: CollusionThresholds = {
      ...COLLUSION_THRESHOLDS,
      rotationMinWinners: 1,
      rotationMinGroupWinShare: 0.5,
    }
    let findings = 0
    for (let market = 0; market < 60; market++) {
      const awards = randomAwards(random, { idOf, repeatedBidder: true })
      const thresholds = market % 3 === 0 ? lenient : COLLUSION_THRESHOLDS
      const expected = rotatingWinnersByEvaluatingEveryPair(awards, thresholds)
      findings += expected.length
      assert.deepEqual(rotatingWinners(awards, thresholds), expected)
    }
    assert.isAbove(findings, 20)
  })
})

test.group('Collusion: repeated direct selection (反复直接选取)', () => {
  test('an owner naming the same agency three times is listed; twice is not; other owners do not add up', ({
    assert,
  }) => {
    const findings = repeatedDirectSelections([
      { projectId: 1, ownerId: 100, agencyId: 5 },
      { projectId: 2, ownerId: 100, agencyId: 5 },
      { projectId: 3, ownerId: 100, agencyId: 5 },
      { projectId: 4, ownerId: 100, agencyId: 6 },
      { projectId: 5, ownerId: 100, agencyId: 6 },
      { projectId: 6, ownerId: 200, agencyId: 6 },
    ])
    assert.deepEqual(findings, [
      { kind: 'repeated_direct_selection', ownerId: 100, agencyIds: [5], projectIds: [1, 2, 3] },
    ])
  })
})
