import { test } from '@japa/runner'
import {
  METHOD_MAPPING,
  amountOfFen,
  buildProjectReleases,
  compileReleases,
  projectCodeOf,
  roundAt,
  yuanText,
  type OcdsEvent,
  type OcdsOrganization,
  type OcdsProjectFacts,
} from '#domain/ocds'
import { renderAtomFeed, xmlText } from '#domain/atom'
import { csvStream, neutralizeFormula } from '#services/csv_export'
import { SELECTION_METHODS } from '#models/project'

const t = (key: string, data?: Record<string, string>) =>
  data ? `${key}(${Object.values(data).join(',')})` : key
const context = { ocidPrefix: 'ocds-test01', baseUrl: 'https://market.example', t }

const owner: OcdsOrganization = {
  id: 1,
  name: '业主',
  uscc: '91511402MA62Q8L15A',
  regionCode: '511400',
}
const agencies: OcdsOrganization[] = [2, 3, 4].map((id) => ({
  id,
  name: `机构${id}`,
  uscc: `9151140000000000${id}X`,
  regionCode: '510000',
}))

let nextEvent = 100
function event(action: string, payload: Record<string, unknown> = {}, subjectId = '7'): OcdsEvent {
  nextEvent += 1
  return {
    id: nextEvent,
    action,
    date: new Date(Date.UTC(2026, 9, 1) + nextEvent * 60_000).toISOString(),
    subjectType: action.startsWith('contract.') ? 'contract' : 'project',
    subjectId: action.startsWith('contract.') ? subjectId : '7',
    payload,
  }
}

function facts(events: OcdsEvent[], overrides: Partial<OcdsProjectFacts> = {}): OcdsProjectFacts {
  return {
    project: {
      id: 7,
      code: 'XM-2026-000007',
      title: '项目',
      description: '说明',
      deliverables: '',
      method: 'random',
      ceilingPriceFen: 8_000_000,
      floorPriceFen: null,
      minCreditGrade: null,
      weights: null,
    },
    item: { code: 'ZJ-001', name: '环评' },
    owner,
    attachments: [],
    events,
    bids: [
      { id: 11, round: 1, organizationId: 2, quoteFen: 5_000_001, inDrawSeed: true },
      { id: 12, round: 1, organizationId: 3, quoteFen: 5_100_000, inDrawSeed: true },
      { id: 13, round: 1, organizationId: 4, quoteFen: 5_200_000, inDrawSeed: false },
    ],
    organizations: new Map([owner, ...agencies].map((entry) => [entry.id, entry])),
    contracts: new Map(),
    milestones: [],
    payments: [],
    ...overrides,
  }
}

test.group('OCDS mapping', () => {
  test('amounts in fen become exact decimal yuan', ({ assert }) => {
    assert.equal(JSON.stringify(amountOfFen(1)), '0.01')
    assert.equal(JSON.stringify(amountOfFen(5_000_001)), '50000.01')
    assert.equal(JSON.stringify(amountOfFen(123_456_789_012)), '1234567890.12')
    assert.equal(JSON.stringify(amountOfFen(8_000_000)), '80000')
    for (let fen = 0; fen < 20_000; fen += 7) {
      assert.equal(String(amountOfFen(fen)), (fen / 100).toFixed(2).replace(/\.?0+$/, '') || '0')
    }
    assert.throws(() => amountOfFen(1.5))
    assert.equal(yuanText(12_345_678), '¥123,456.78')
  })

  test('every selection method has a procurement method; only direct selection is "direct"', ({
    assert,
  }) => {
    for (const method of SELECTION_METHODS) {
      assert.properties(METHOD_MAPPING[method], ['procurementMethod', 'awardCriteria'])
    }
    assert.equal(METHOD_MAPPING.direct.procurementMethod, 'direct')
    assert.equal(METHOD_MAPPING.lowest_price.awardCriteria, 'priceOnly')
    assert.equal(METHOD_MAPPING.scored.awardCriteria, 'ratedCriteria')
    assert.equal(METHOD_MAPPING.credit_preferred.awardCriteria, 'qualityOnly')
    assert.isNull(METHOD_MAPPING.random.awardCriteria)
  })

  test('an ocid belongs to this publisher only with its prefix', ({ assert }) => {
    assert.equal(projectCodeOf('ocds-test01', 'ocds-test01-XM-2026-000001'), 'XM-2026-000001')
    assert.isNull(projectCodeOf('ocds-test01', 'ocds-other1-XM-2026-000001'))
  })

  test('an upheld objection cancels the pending award and disqualifies the bid; the next publicity is a new award', ({
    assert,
  }) => {
    const events = [
      event('project.published', { round: 1, deadline: '2026-10-09T04:00:00.000Z' }),
      event('project.opened', { round: 1 }),
      event('project.publicity_started', { winnerOrganizationId: 2 }),
      event('project.reopened', { disqualifiedBidId: 11 }),
      event('project.publicity_started', { winnerOrganizationId: 3 }),
      event('project.awarded', { winnerOrganizationId: 3 }),
    ]
    const built = buildProjectReleases(facts(events), context)
    const releases = built.map((entry) => entry.release)
    assert.deepEqual(
      releases.map((release) => release.tag[0]),
      ['tender', 'tenderUpdate', 'award', 'awardCancellation', 'award', 'award']
    )
    assert.deepEqual(
      releases.map((release) => release.id),
      events.map((entry) => `ocds-test01-XM-2026-000007-${entry.id}`)
    )
    const opening = releases[1]
    assert.deepEqual(
      opening.bids.details.map((detail: any) => [detail.id, detail.status, detail.value.amount]),
      [
        ['bid-11', 'valid', 50000.01],
        ['bid-12', 'valid', 51000],
        ['bid-13', 'disqualified', 52000],
      ]
    )
    assert.deepEqual(releases[3].awards, [{ id: `award-${events[2].id}`, status: 'cancelled' }])
    assert.deepEqual(releases[3].bids.details, [{ id: 'bid-11', status: 'disqualified' }])

    const compiled = compileReleases('ocds-test01-XM-2026-000007', releases)
    assert.deepEqual(
      compiled.awards.map((award: any) => [award.id, award.status, award.suppliers[0].name]),
      [
        [`award-${events[2].id}`, 'cancelled', '机构2'],
        [`award-${events[4].id}`, 'active', '机构3'],
      ]
    )
    const bid11 = compiled.bids.details.find((detail: any) => detail.id === 'bid-11')
    assert.equal(bid11.status, 'disqualified')
    assert.equal(bid11.value.amount, 50000.01)
    const roles = Object.fromEntries(
      compiled.parties.map((party: any) => [party.name, party.roles])
    )
    assert.deepEqual(roles['机构2'], ['tenderer'])
    assert.deepEqual(roles['机构3'], ['tenderer', 'supplier'])
    assert.equal(compiled.tender.status, 'complete')
  })

  test('a refused contract: the next alternate is awarded and its signed contract points at its award', ({
    assert,
  }) => {
    const events = [
      event('project.published', { round: 1 }),
      event('project.opened', {}),
      event('project.publicity_started', { winnerOrganizationId: 2 }),
      event('project.awarded', { winnerOrganizationId: 2 }),
      event('project.alternate_taken', { agencyId: 3, previousContractId: 8 }),
      event('contract.signed', {}, '9'),
    ]
    const built = buildProjectReleases(
      facts(events, {
        contracts: new Map([
          [
            9,
            {
              id: 9,
              organizationId: 3,
              priceFen: 5_100_000,
              timeLimitWorkingDays: 20,
              periodEnd: '2026-11-10T15:59:59.999Z',
              terminationReason: null,
            },
          ],
        ]),
        milestones: [
          { id: 5, contractId: 9, title: '一次付清', amountFen: 5_100_000, condition: null },
        ],
        payments: [
          {
            id: 3,
            contractId: 9,
            milestoneId: 5,
            amountFen: 5_100_000,
            date: '2027-01-01T00:00:00.000Z',
          },
        ],
      }),
      context
    )
    const releases = built.map((entry) => entry.release)
    assert.deepEqual(
      releases.map((release) => release.tag[0]),
      ['tender', 'tenderUpdate', 'award', 'award', 'awardUpdate', 'contract', 'implementation']
    )
    const update = releases[4]
    assert.deepEqual(
      update.awards.map((award: any) => [award.id, award.status]),
      [
        [`award-${events[2].id}`, 'cancelled'],
        [`award-${events[4].id}`, 'active'],
      ]
    )
    assert.equal(releases[5].contracts[0].awardID, `award-${events[4].id}`)
    assert.equal(releases[5].contracts[0].period.endDate, '2026-11-10T15:59:59.999Z')
    assert.equal(releases[6].id, 'ocds-test01-XM-2026-000007-payment-3')
    assert.equal(releases[6].contracts[0].awardID, `award-${events[4].id}`)
    assert.deepEqual(built[6].source, { kind: 'payment', id: 3 })
  })

  test('the round of an event is the last publication before it', ({ assert }) => {
    const events = [
      event('project.published', { round: 1 }),
      event('project.failed', {}),
      event('project.published', { round: 2 }),
      event('project.opened', {}),
    ]
    assert.equal(roundAt(events, events[1].id), 1)
    assert.equal(roundAt(events, events[3].id), 2)
  })
})

test.group('OCDS compiled release (merge)', () => {
  test('later values win, null removes, arrays of objects with ids merge by id, other arrays are replaced, id/date/tag are not merged', ({
    assert,
  }) => {
    const compiled = compileReleases('ocds-x', [
      {
        ocid: 'ocds-x',
        id: 'ocds-x-2',
        date: '2026-01-02T00:00:00Z',
        tag: ['award'],
        tender: { status: 'complete', title: null },
        awards: [{ id: 'a', status: 'active' }],
        parties: [{ id: 'p', roles: ['tenderer', 'supplier'] }],
      },
      {
        ocid: 'ocds-x',
        id: 'ocds-x-1',
        date: '2026-01-01T00:00:00Z',
        tag: ['tender'],
        tender: { id: 't', status: 'active', title: '标题', submissionMethod: ['a', 'b'] },
        awards: [
          { id: 'b', status: 'pending' },
          { id: 'a', status: 'pending', date: 'd' },
        ],
        parties: [{ id: 'p', name: '机构', roles: ['tenderer'] }],
      },
    ])
    assert.deepEqual(compiled, {
      ocid: 'ocds-x',
      id: 'ocds-x-2026-01-02T00:00:00Z',
      date: '2026-01-02T00:00:00Z',
      tag: ['compiled'],
      tender: { id: 't', status: 'complete', submissionMethod: ['a', 'b'] },
      awards: [
        { id: 'b', status: 'pending' },
        { id: 'a', status: 'active', date: 'd' },
      ],
      parties: [{ id: 'p', name: '机构', roles: ['tenderer', 'supplier'] }],
    })
  })
})

test.group('Atom and CSV writing', () => {
  test('XML text escapes markup and quotes and drops characters XML forbids', ({ assert }) => {
    assert.equal(xmlText(`<script>&"'\u0001\uFFFE\uD800ok`), '&lt;script&gt;&amp;&quot;&apos;ok')
    assert.equal(xmlText('中文 😀'), '中文 😀')
    const xml = renderAtomFeed({
      id: 'https://m.example/feeds/announcements.atom',
      title: 'a&b',
      subtitle: 's',
      updated: '2026-01-01T00:00:00.000Z',
      selfLink: 'https://m.example/feeds/announcements.atom?item=A&region=510000',
      alternateLink: 'https://m.example/projects',
      author: { name: '<n>', uri: 'https://m.example' },
      entries: [],
    })
    assert.include(
      xml,
      'href="https://m.example/feeds/announcements.atom?item=A&amp;region=510000"'
    )
    assert.include(xml, '<name>&lt;n&gt;</name>')
  })

  test('a cell Excel would run as a formula gets an apostrophe', ({ assert }) => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      assert.equal(neutralizeFormula(value), `'${value}`)
    }
    assert.equal(neutralizeFormula('项目 = 1'), '项目 = 1')
  })

  test('the CSV stream has a BOM, CRLF records and quotes commas, quotes and line breaks', async ({
    assert,
  }) => {
    async function* rows() {
      yield { a: '甲,乙', b: '说"明"' }
      yield { a: '第一行\n第二行', b: 12 }
    }
    const stream = csvStream(
      [
        { header: '列一', value: (row: any) => row.a },
        { header: '列二', value: (row: any) => row.b },
      ],
      rows()
    )
    let text = ''
    for await (const chunk of stream) text += chunk.toString()
    assert.equal(text, '\uFEFF列一,列二\r\n"甲,乙","说""明"""\r\n"第一行\n第二行",12\r\n')
  })
})
