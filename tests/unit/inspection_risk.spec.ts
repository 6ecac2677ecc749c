import { test } from '@japa/runner'
import { createHash, createHmac } from 'node:crypto'
import {
  classify,
  dueForInspection,
  drawCountOf,
  riskClassDraws,
  riskClassOf,
  type RiskFacts,
  type RiskThresholds,
} from '#domain/inspection_risk'
import {
  drawRiskClasses,
  inspectionDrawSeed,
  verifyInspectionDraw,
  type InspectionDrawRecord,
} from '#domain/inspection_draw'
import { commitmentOf } from '#domain/verifiable_draw'
import { DEFAULT_RULES, withOverrides } from '#domain/rules'
import { browserInspectionProof } from '#presenters/draw_verification'
import * as browser from '../../resources/js/draw_v1.js'

const THRESHOLDS: RiskThresholds = { negativeEvents: 2, upheldComplaints: 1, openSignals: 1 }
const CLEAN: RiskFacts = { grade: 'A', negativeEvents: 0, upheldComplaints: 0, openSignals: 0 }

/** An outsider's recomputation of one draw with node:crypto, from API.md only. */
function outsiderDraw(seed: string, purpose: string, candidates: number[], k: number) {
  const drawSeed = createHash('sha256').update(`${seed}|`, 'utf8').digest('hex')
  const left = [...candidates].sort((a, b) => a - b)
  const taken: number[] = []
  for (let c = 0; taken.length < k && left.length > 0; c++) {
    const mac = createHmac('sha256', Buffer.from(drawSeed, 'utf8'))
      .update(`${purpose}|${c}`, 'utf8')
      .digest()
    const r = mac.readBigUInt64BE(0)
    const n = BigInt(left.length)
    if (r >= ((1n << 64n) / n) * n) continue
    taken.push(left.splice(Number(r % n), 1)[0])
  }
  return taken
}

test.group('Inspection risk classes (信用风险分类)', () => {
  test('a grade-A agency with no negative facts is low-risk; a grade-B one is medium', ({
    assert,
  }) => {
    assert.equal(riskClassOf(CLEAN, THRESHOLDS), 'low')
    assert.equal(riskClassOf({ ...CLEAN, grade: 'B' }, THRESHOLDS), 'medium')
    assert.equal(riskClassOf({ ...CLEAN, grade: 'C' }, THRESHOLDS), 'medium')
  })

  test('grade D, or reaching any threshold, makes an agency high-risk whatever its grade', ({
    assert,
  }) => {
    assert.equal(riskClassOf({ ...CLEAN, grade: 'D' }, THRESHOLDS), 'high')
    assert.equal(riskClassOf({ ...CLEAN, negativeEvents: 2 }, THRESHOLDS), 'high')
    assert.equal(riskClassOf({ ...CLEAN, upheldComplaints: 1 }, THRESHOLDS), 'high')
    assert.equal(riskClassOf({ ...CLEAN, openSignals: 1 }, THRESHOLDS), 'high')
  })

  test('one negative event below the threshold makes a grade-A agency medium, not low', ({
    assert,
  }) => {
    assert.equal(riskClassOf({ ...CLEAN, negativeEvents: 1 }, THRESHOLDS), 'medium')
  })

  test('a threshold of 0 never applies', ({ assert }) => {
    const off = { negativeEvents: 0, upheldComplaints: 0, openSignals: 0 }
    assert.equal(riskClassOf({ ...CLEAN, grade: 'B', negativeEvents: 9 }, off), 'medium')
  })

  test('the count drawn is ceil(ratio × size), 0 for an empty class, at most the class', ({
    assert,
  }) => {
    assert.equal(drawCountOf(3000, 2), 1) // 0.6 → 1
    assert.equal(drawCountOf(1000, 11), 2) // 1.1 → 2
    assert.equal(drawCountOf(1000, 10), 1) // exactly 1
    assert.equal(drawCountOf(300, 8), 1) // 0.24 → 1
    assert.equal(drawCountOf(300, 0), 0)
    assert.equal(drawCountOf(0, 50), 0)
    assert.equal(drawCountOf(10_000, 7), 7)
  })

  test('a ratio outside 0–10 000 basis points (0–100 %) is refused', ({ assert }) => {
    assert.throws(() => drawCountOf(10_001, 5), /basis points/)
    assert.throws(() => drawCountOf(-1, 5), /basis points/)
    assert.throws(() => drawCountOf(12.5, 5), /basis points/)
  })

  test('抽查频次: an agency drawn within its class interval is not due; the interval counts calendar months', ({
    assert,
  }) => {
    const intervals = { high: 0, medium: 6, low: 12 }
    const drawn = new Date('2026-03-31T02:00:00Z')
    assert.isTrue(dueForInspection('low', null, intervals, new Date('2026-04-01T00:00:00Z')))
    // High risk: no interval, due again at once.
    assert.isTrue(dueForInspection('high', drawn, intervals, new Date('2026-04-01T00:00:00Z')))
    // Medium: six months after 31 March is 30 September (the month has no 31st).
    assert.isFalse(dueForInspection('medium', drawn, intervals, new Date('2026-09-30T01:59:59Z')))
    assert.isTrue(dueForInspection('medium', drawn, intervals, new Date('2026-09-30T02:00:00Z')))
    assert.isFalse(dueForInspection('low', drawn, intervals, new Date('2027-03-30T23:00:00Z')))
    assert.isTrue(dueForInspection('low', drawn, intervals, new Date('2027-03-31T02:00:00Z')))
  })

  test('the ratios and thresholds are rule parameters that RULE_* overrides change', ({
    assert,
  }) => {
    assert.equal(DEFAULT_RULES.inspectionRatioHighBp, 3000)
    assert.equal(DEFAULT_RULES.inspectionRatioMediumBp, 1000)
    assert.equal(DEFAULT_RULES.inspectionRatioLowBp, 300)
    const rules = withOverrides(DEFAULT_RULES, {
      RULE_INSPECTION_RATIO_HIGH_BP: '5000',
      RULE_INSPECTION_HIGH_RISK_OPEN_SIGNALS: '0',
    })
    assert.equal(rules.inspectionRatioHighBp, 5000)
    assert.equal(rules.inspectionHighRiskOpenSignals, 0)
  })
})

test.group('Inspection draw weighted by risk: a worked example', () => {
  /*
   * A market of 21 agencies (ids 1–21). Agency 4 is grade D and agency 9 has
   * two negative credit events: high-risk. Agencies 1, 3, 6, 8, 10, 19, 20 and
   * 21 are grade A with nothing against them: low-risk. The eleven others are
   * medium. Ratios 30 % / 10 % / 3 % → ceil(0.6) = 1, ceil(1.1) = 2,
   * ceil(0.24) = 1 agencies drawn.
   */
  const SEED = 'a3f1c0de'.repeat(8)
  const LOW = new Set([1, 3, 6, 8, 10, 19, 20, 21])
  const market = Array.from({ length: 21 }, (_, index) => {
    const id = index + 1
    const facts: RiskFacts =
      id === 4
        ? { ...CLEAN, grade: 'D' }
        : id === 9
          ? { ...CLEAN, grade: 'B', negativeEvents: 2 }
          : LOW.has(id)
            ? CLEAN
            : { ...CLEAN, grade: 'B' }
    return { id, facts }
  }).reverse()

  test('the classes, counts and drawn ids follow from the published seed and candidates', ({
    assert,
  }) => {
    const classes = classify(market, THRESHOLDS)
    assert.deepEqual(classes, {
      high: [4, 9],
      medium: [2, 5, 7, 11, 12, 13, 14, 15, 16, 17, 18],
      low: [1, 3, 6, 8, 10, 19, 20, 21],
    })
    const table = riskClassDraws(classes, { high: 3000, medium: 1000, low: 300 })
    assert.deepEqual(
      table.map((entry) => entry.count),
      [1, 2, 1]
    )
    const drawSeed = inspectionDrawSeed(SEED)
    assert.equal(drawSeed, '7420634ed9dd2abe97a662981d2404fa9ab0d399ce4523986989822645550606')
    const picks = drawRiskClasses(drawSeed, table)
    assert.deepEqual(picks, [
      { riskClass: 'high', picks: [4] },
      { riskClass: 'medium', picks: [14, 16] },
      { riskClass: 'low', picks: [10] },
    ])
    // The same ids by an outsider's recomputation, one purpose per class.
    assert.deepEqual(outsiderDraw(SEED, 'inspection-agencies-high', [4, 9], 1), [4])
    assert.deepEqual(outsiderDraw(SEED, 'inspection-agencies-medium', classes.medium, 2), [14, 16])
    assert.deepEqual(outsiderDraw(SEED, 'inspection-agencies-low', classes.low, 1), [10])
  })

  test('the published record verifies on the server and in the browser, and a changed pick, ratio or class does not', async ({
    assert,
  }) => {
    const record: InspectionDrawRecord = {
      seed: SEED,
      commitment: commitmentOf(SEED),
      drawSeed: inspectionDrawSeed(SEED),
      agencyCandidates: Array.from({ length: 21 }, (_, index) => index + 1),
      agencyPicks: [4, 14, 16, 10],
      riskClasses: [
        { riskClass: 'high', ratioBp: 3000, candidates: [4, 9], picks: [4] },
        {
          riskClass: 'medium',
          ratioBp: 1000,
          candidates: [2, 5, 7, 11, 12, 13, 14, 15, 16, 17, 18],
          picks: [14, 16],
        },
        {
          riskClass: 'low',
          ratioBp: 300,
          candidates: [1, 3, 6, 8, 10, 19, 20, 21],
          picks: [10],
        },
      ],
      inspectorCandidates: [],
      excluded: [],
      inspectorPicks: [],
    }
    const proof = verifyInspectionDraw(record)
    assert.isTrue(proof.valid)
    assert.deepEqual(
      proof.draws.map((draw) => [draw.purpose, draw.picks]),
      [
        ['inspection-agencies-high', [4]],
        ['inspection-agencies-medium', [14, 16]],
        ['inspection-agencies-low', [10]],
        ['inspection-inspectors', []],
      ]
    )
    assert.deepEqual(proof.picks, [4, 14, 16, 10])

    const swapped = structuredClone(record)
    swapped.riskClasses![0].picks = [9]
    swapped.agencyPicks = [9, 14, 16, 10]
    const bad = verifyInspectionDraw(swapped)
    assert.isFalse(bad.valid)
    assert.isFalse(bad.checks.find((check) => check.check === 'agencies-high')!.ok)

    // A higher published ratio than the draw used: the recount gives 2 high picks, not 1.
    const ratio = structuredClone(record)
    ratio.riskClasses![0].ratioBp = 6000
    assert.isFalse(verifyInspectionDraw(ratio).valid)

    // The browser's verifier (WebCrypto, resources/js/draw_v1.ts) needs only the data:
    // it recomputes every class draw from the seed and flags a changed pick.
    const inBrowser = await browser.verifyProof(browserInspectionProof(7, proof))
    assert.isTrue(inBrowser.valid)
    assert.deepEqual(
      inBrowser.checks.filter((check) => check.check === 'draw').map((check: any) => check.purpose),
      [
        'inspection-agencies-high',
        'inspection-agencies-medium',
        'inspection-agencies-low',
        'inspection-inspectors',
      ]
    )
    const tampered = browserInspectionProof(7, proof)
    tampered.draws[1].picks = ['14', '15']
    const tamperedInBrowser = await browser.verifyProof(tampered)
    assert.isFalse(tamperedInBrowser.valid)

    // An agency in two classes is refused.
    const twice = structuredClone(record)
    twice.riskClasses![2].candidates.push(9)
    assert.isFalse(verifyInspectionDraw(twice).checks.find((c) => c.check === 'classes')!.ok)
  })
})
