import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import ServiceItem from '#models/service_item'
import ServiceItemVersion from '#models/service_item_version'
import Department from '#models/department'

let sequence = 0

/**
 * An active catalog item at version 1, with its first published version
 * beside it, as `createServiceItem` leaves it (without the audit event).
 * Market-regulated items (市场调节价) carry no fee bounds.
 */
export const ServiceItemFactory = factory
  .define(ServiceItem, () => ({
    code: `F-${String(++sequence).padStart(4, '0')}`,
    name: `测试中介服务事项${sequence}`,
    category: '测试类别',
    legalBasis: '《中华人民共和国行政许可法》第二十八条',
    requiredQualification: null,
    approvalItem: '测试审批事项',
    approvalDepartment: '市测试局',
    timeLimitWorkingDays: 15,
    feeType: 'reference' as const,
    feeMinFen: 100_000,
    feeMaxFen: 500_000,
    status: 'active' as const,
    version: 1,
    changeReason: '首次发布',
    effectiveDate: DateTime.utc().startOf('day'),
  }))
  .state('market', (item) => {
    item.feeType = 'market'
    item.feeMinFen = null
    item.feeMaxFen = null
  })
  .state('retired', (item) => (item.status = 'retired'))
  // The department named is found, or registered (region of the test market), by its name.
  .before('create', async (_, item, ctx) => {
    if (item.departmentId) return
    const department = await Department.firstOrCreate(
      { name: item.approvalDepartment },
      { name: item.approvalDepartment, regionCode: '511400', catalogOffice: false },
      { client: ctx.$trx }
    )
    item.departmentId = department.id
  })
  .after('create', async (_, item, ctx) => {
    await ServiceItemVersion.recordOf(item, null, ctx.$trx)
  })
  .build()
