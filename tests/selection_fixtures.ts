/*
 * Projects in a given stage of the selection, made through the API the way
 * owners and agencies make them, with the test market built (tests/worlds.ts) and the clock
 * frozen at 2026-09-29 10:00 Beijing time by the caller.
 */
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { WORLD_PASSWORD } from '#tests/world_data'

/**
 * The part of the test market these projects need: item ZJ-001, the owner,
 * agencies 5 and 6 (the bidders of `signedProject`), the regulator and the admin.
 */
export const SIGNED_PROJECT_WORLD = { items: ['ZJ-001'], agencies: [5, 6] }

export const DEADLINE = '2026-10-09T04:00:00Z'
/** One second after the deadline: the tick opens. */
export const AFTER_DEADLINE = new Date('2026-10-09T04:00:01Z')
/** Publicity of 3 working days from Fri 9 Oct (Sat 10 is a make-up working day) is over. */
export const AFTER_PUBLICITY = new Date('2026-10-13T16:00:00Z')

const demoUser = (email: string) => User.findByOrFail('email', email)
export const demoOwner = () => demoUser('owner@demo.example.com')
export const demoAgency = (n: number) => demoUser(`agency${n}@demo.example.com`)

/** A ZJ-001 project drafted and published by the owner; returns its id. */
export async function publishedProject(client: any, overrides: Record<string, unknown> = {}) {
  const owner = await demoOwner()
  const draft = await client
    .post('/api/v1/projects')
    .json({
      title: '滨江大道改造工程环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: 8_000_000,
      method: 'lowest_price',
      deadline: DEADLINE,
      ...overrides,
    })
    .withGuard('api')
    .loginAs(owner)
  const id = draft.body().id as number
  await client.post(`/api/v1/projects/${id}/publish`).withGuard('api').loginAs(owner)
  return id
}

/** Agencies of the test market bid: [agency number, quote in fen]. */
export async function placeBids(client: any, projectId: number, quotes: [number, number][]) {
  for (const [n, quoteFen] of quotes) {
    await client
      .post(`/api/v1/projects/${projectId}/bids`)
      .json({ quoteFen })
      .withGuard('api')
      .loginAs(await demoAgency(n))
  }
}

/** The tick after the deadline (opening), then after publicity (award and contract). */
export async function openAndAward() {
  clock.freeze(AFTER_DEADLINE)
  await runTick()
  clock.freeze(AFTER_PUBLICITY)
  const report = await runTick()
  if (report.awarded !== 1) throw new Error(`award failed: ${JSON.stringify(report)}`)
}

/** A lowest-price project awarded, with its contract generated; returns its id. */
export async function awardedProject(
  client: any,
  quotes: [number, number][],
  overrides: Record<string, unknown> = {}
) {
  const id = await publishedProject(client, overrides)
  await placeBids(client, id, quotes)
  await openAndAward()
  return id
}

/**
 * A lowest-price project awarded to agency 5 (¥50,000.00) whose contract both
 * sides signed at `signedAt`: the service clock runs. Returns both ids.
 */
export async function signedProject(client: any, signedAt = AFTER_PUBLICITY) {
  const projectId = await awardedProject(client, [
    [5, 5_000_000],
    [6, 5_200_000],
  ])
  const owner = await demoOwner()
  const contract = await client
    .get(`/api/v1/projects/${projectId}/contract`)
    .withGuard('api')
    .loginAs(owner)
  const {
    id: contractId,
    revision,
    textSha256,
  } = contract.body() as {
    id: number
    revision: number
    textSha256: string
  }
  clock.freeze(signedAt)
  for (const signer of [owner, await demoAgency(5)]) {
    const signed = await client
      .post(`/api/v1/contracts/${contractId}/sign`)
      .json({ password: WORLD_PASSWORD, revision, textSha256 })
      .withGuard('api')
      .loginAs(signer)
    if (signed.status() !== 200) throw new Error(`signing failed: ${signed.text()}`)
  }
  return { projectId, contractId }
}
