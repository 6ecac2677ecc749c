import factory from '@adonisjs/lucid/factories'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import AgencyProfile from '#models/agency_profile'
import Qualification from '#models/qualification'
import Practitioner from '#models/practitioner'
import { CREDIT_BASE_SCORE } from '#domain/credit'
import { idNumberCheckCharacter } from '#domain/id_card'
import { personIdHash } from '#services/person_identity'
import { sqlTime } from '#services/sql_time'
import { reindexAgency } from '#services/directory_index'

let sequence = 0

/** A made-up ID-card number with a valid check character. */
export const fakeIdNumber = (first17: string) => first17 + idNumberCheckCharacter(first17)

/** An active agency that offers nothing yet (so it is not listed); merge `organizationId`. */
export const AgencyProfileFactory = factory
  .define(AgencyProfile, () => ({
    status: 'active' as const,
    creditScore: CREDIT_BASE_SCORE,
    itemCount: 0,
    description: null,
    commitmentTime: null,
    commitmentFee: null,
    commitmentQuality: null,
  }))
  .build()

/** A declared, not yet spot-checked qualification without a scan; merge `organizationId`. */
export const QualificationFactory = factory
  .define(Qualification, () => ({
    type: '测试资质',
    level: null,
    certificateNo: `测资字${String(++sequence).padStart(6, '0')}`,
    issuer: '四川省测试厅',
    validUntil: DateTime.utc().plus({ years: 2 }).startOf('day'),
    status: 'unverified' as const,
    fileKey: null,
    fileName: null,
    fileMime: null,
    fileSize: null,
  }))
  .build()

/** A named practitioner; the ID-card number is stored only as its hash. Merge `organizationId`. */
export const PractitionerFactory = factory
  .define(Practitioner, () => ({
    name: `测试人员${++sequence}`,
    role: 'practitioner' as const,
    certificateNo: null,
    idNumberHash: personIdHash(
      fakeIdNumber(`51140219900101${String(sequence % 1000).padStart(3, '0')}`)
    ),
  }))
  .state('manager', (practitioner) => (practitioner.role = 'manager'))
  .build()

/**
 * The agency offers these catalog items and is listed from now on, as its
 * own profile form would leave it (directory index included).
 */
export async function offerItems(
  organizationId: number,
  serviceItemIds: number[],
  client: QueryClientContract = db.connection()
) {
  await client.transaction(async (trx) => {
    await trx.from('agency_service_items').where('organization_id', organizationId).delete()
    if (serviceItemIds.length > 0) {
      await trx.table('agency_service_items').multiInsert(
        serviceItemIds.map((serviceItemId) => ({
          organization_id: organizationId,
          service_item_id: serviceItemId,
        }))
      )
      await trx
        .from('agency_profiles')
        .where('organization_id', organizationId)
        .whereNull('listed_at')
        .update({ listed_at: sqlTime(DateTime.utc()) })
    }
    await reindexAgency(organizationId, trx)
  })
}
