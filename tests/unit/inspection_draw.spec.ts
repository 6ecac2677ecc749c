import { test } from '@japa/runner'
import { createHash, createHmac } from 'node:crypto'
import {
  candidateOrder,
  drawAgencies,
  drawInspectors,
  eligibleInspectors,
  inspectionDrawSeed,
  relatedInspectors,
  verifyInspectionDraw,
  type InspectionDrawRecord,
} from '#domain/inspection_draw'
import { commitmentOf } from '#domain/verifiable_draw'

/**
 * An outsider's recomputation with node:crypto, written from API.md
 * "Verifiable draw, version 1" only: candidates by id ascending, drawSeed =
 * SHA-256("{seed}|") as there are no receipts, HMAC counter with rejection.
 */
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
  return { drawSeed, taken }
}

const SEED = 'a3f1c0de'.repeat(8)

test.group('Inspection draw (双随机)', () => {
  test('candidates are ordered by id as numbers, each once — 10 comes after 9, not after 1', ({
    assert,
  }) => {
    assert.deepEqual(candidateOrder([10, 9, 1, 100, 9, 2]), [1, 2, 9, 10, 100])
  })

  test('both draws are reproduced by an independent recomputation with node:crypto', ({
    assert,
  }) => {
    const agencies = [41, 7, 12, 3, 105, 66, 20, 9]
    const inspectors = [300, 301, 305, 310, 311]
    const drawSeed = inspectionDrawSeed(SEED)
    const agencyPicks = drawAgencies(drawSeed, agencies, 3)
    const outsiderAgencies = outsiderDraw(SEED, 'inspection-agencies', agencies, 3)
    assert.equal(drawSeed, outsiderAgencies.drawSeed)
    assert.deepEqual(agencyPicks, outsiderAgencies.taken)
    assert.lengthOf(new Set(agencyPicks), 3)
    // The same seed always gives the same plan; the given order of candidates does not matter.
    assert.deepEqual(drawAgencies(drawSeed, [...agencies].reverse(), 3), agencyPicks)

    const eligible = eligibleInspectors(inspectors, [
      { userId: 305, agencyId: agencyPicks[0], reason: 'declaredRecusal' },
    ])
    assert.deepEqual(eligible, [300, 301, 310, 311])
    assert.deepEqual(
      drawInspectors(drawSeed, eligible, 2),
      outsiderDraw(SEED, 'inspection-inspectors', eligible, 2).taken
    )
  })

  test('an inspector is related to an agency by its own organisation, a declared relation, or a practitioner of the same name', ({
    assert,
  }) => {
    const exclusions = relatedInspectors(
      [
        { id: 5, organizationId: 70, fullName: '王监管' },
        { id: 2, organizationId: 71, fullName: '李秀英' },
        { id: 3, organizationId: 71, fullName: '赵清' },
        { id: 4, organizationId: 20, fullName: '钱一' },
      ],
      [
        { id: 20, practitionerNames: ['孙二'] },
        { id: 10, practitionerNames: [' 李秀英 ', '周三'] },
      ],
      [
        { userId: 3, organizationId: 20 },
        // A declaration about an agency this plan did not draw changes nothing.
        { userId: 5, organizationId: 99 },
      ]
    )
    assert.deepEqual(exclusions, [
      { userId: 2, agencyId: 10, reason: 'practitionerName' },
      { userId: 3, agencyId: 20, reason: 'declaredRecusal' },
      { userId: 4, agencyId: 20, reason: 'sameOrganization' },
    ])
    assert.deepEqual(eligibleInspectors([5, 4, 3, 2], exclusions), [5])
  })

  test('a published record verifies; a changed pick, seed or exclusion does not', ({ assert }) => {
    const agencies = [1, 2, 3, 4, 5, 6]
    const inspectors = [11, 12, 13, 14]
    const drawSeed = inspectionDrawSeed(SEED)
    const agencyPicks = drawAgencies(drawSeed, agencies, 2)
    const excluded = [{ userId: 12, agencyId: agencyPicks[1], reason: 'declaredRecusal' as const }]
    const record: InspectionDrawRecord = {
      seed: SEED,
      commitment: commitmentOf(SEED),
      drawSeed,
      agencyCandidates: agencies,
      agencyPicks,
      inspectorCandidates: inspectors,
      excluded,
      inspectorPicks: drawInspectors(drawSeed, eligibleInspectors(inspectors, excluded), 2),
    }
    const proof = verifyInspectionDraw(record)
    assert.isTrue(proof.valid)
    assert.equal(proof.algorithm, 'market-draw-v1')
    assert.deepEqual(proof.picks, agencyPicks)
    assert.deepEqual(proof.draws[1].candidates, [11, 13, 14])
    assert.notInclude(proof.draws[1].picks, 12)

    const swapped = verifyInspectionDraw({ ...record, agencyPicks: [...agencyPicks].reverse() })
    assert.isFalse(swapped.valid)
    assert.isFalse(swapped.checks.find((check) => check.check === 'agencies')!.ok)
    assert.isFalse(
      verifyInspectionDraw({ ...record, commitment: commitmentOf('0'.repeat(64)) }).valid
    )
    // An exclusion must concern a drawn agency: one invented to steer the inspector draw fails.
    const undrawn = agencies.find((id) => !agencyPicks.includes(id))!
    assert.isFalse(
      verifyInspectionDraw({
        ...record,
        excluded: [{ userId: 11, agencyId: undrawn, reason: 'declaredRecusal' }],
      }).valid
    )
  })
})
