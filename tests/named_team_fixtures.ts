/*
 * What the specs of named persons (项目负责人, 执业资格, bans, serving
 * officials) share: made-up ID numbers, an agency naming a person, a bid
 * naming a team, a person ban, and a project awarded to a named lead.
 */
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { idNumberCheckCharacter } from '#domain/id_card'
import { personIdHash } from '#services/person_identity'
import { sqlTime } from '#services/sql_time'
import {
  AFTER_DEADLINE,
  AFTER_PUBLICITY,
  demoAgency,
  demoOwner,
  publishedProject,
} from '#tests/selection_fixtures'

export const idNumber = (body: string) => body + idNumberCheckCharacter(body)
/** Made-up ID numbers of the persons the agencies name. */
export const LI_MING = idNumber('51140219800101123')
export const WANG_FANG = idNumber('51140219850202234')
export const ZHAO_QIANG = idNumber('51140219900303345')
export const SUN_LI = idNumber('51140219920404456')

export function api(
  client: any,
  method: 'get' | 'post' | 'put' | 'delete',
  url: string,
  user?: User
) {
  const request = client[method](url)
  return user ? request.withGuard('api').loginAs(user) : request
}

/**
 * The agency names a person holding `code` (a registered EIA engineer unless
 * told) at `level`, valid until `validUntil` (the end of 2027 unless told);
 * `code: null` names one without a qualification.
 */
export async function namePerson(
  client: any,
  agency: User,
  person: {
    name: string
    idNumber: string
    code?: string | null
    level?: string
    validUntil?: string
  }
) {
  const response = await api(client, 'post', '/api/v1/agency/practitioners', agency).json({
    name: person.name,
    idNumber: person.idNumber,
    role: 'practitioner',
    ...(person.code === null
      ? {}
      : {
          qualificationCode: person.code ?? 'eia_engineer',
          qualificationLevel: person.level ?? null,
          qualificationValidUntil: person.validUntil ?? '2027-12-31',
        }),
  })
  response.assertStatus(201)
  return response.body().id as number
}

/** A sealed bid of ¥50,000 naming `team` (leadPractitionerId, teamPractitionerIds, consortium). */
export function bidNaming(
  client: any,
  projectId: number,
  agency: User,
  team: Record<string, unknown>
) {
  return api(client, 'post', `/api/v1/projects/${projectId}/bids`, agency).json({
    quoteFen: 5_000_000,
    ...team,
  })
}

/** A market ban of the person (by the hash of the ID number), under no agency. */
export async function banPerson(
  idNumberText: string,
  personName: string,
  reason = '出具虚假环境影响报告',
  legalBasis = '《中华人民共和国环境影响评价法》第三十二条'
) {
  await db.table('bans').insert({
    organization_id: null,
    person_id_hash: personIdHash(idNumberText),
    person_name: personName,
    reason,
    legal_basis: legalBasis,
    starts_at: sqlTime(clock.now()),
    ends_at: null,
    created_at: sqlTime(clock.now()),
  })
}

export const firstError = (response: any) => response.body().errors[0]

/**
 * Agency 5 names 李明 and bids with him as the lead; the project is opened
 * and, after its publicity, awarded: the contract to sign, as the owner reads it.
 */
export async function awardedToLiMing(client: any) {
  const agency = await demoAgency(5)
  const owner = await demoOwner()
  const projectId = await publishedProject(client)
  const li = await namePerson(client, agency, { name: '李明', idNumber: LI_MING })
  const placed = await bidNaming(client, projectId, agency, { leadPractitionerId: li })
  placed.assertStatus(201)
  clock.freeze(AFTER_DEADLINE)
  await runTick()
  clock.freeze(AFTER_PUBLICITY)
  await runTick()
  const contract = await api(client, 'get', `/api/v1/projects/${projectId}/contract`, owner)
  return {
    agency,
    owner,
    projectId,
    leadId: li,
    contract: contract.body() as { id: number; revision: number; textSha256: string },
  }
}
