import type { HttpContext } from '@adonisjs/core/http'
import FeeRecordPolicy from '#policies/fee_record_policy'
import { listFeeRecordsValidator } from '#validators/fee_record'
import { feeRecordsWithFlags, pageOf } from '#queries/fee_records'
import { presentFeeRecord } from '#presenters/fee_record'

export default class FeeRecordsController {
  /** GET /api/v1/regulator/fee-records?flagged=true&item=&page=: fee records with their flags. */
  async index({ request, bouncer, i18n }: HttpContext) {
    await bouncer.with(FeeRecordPolicy).authorize('viewAny')
    const {
      flagged,
      item,
      page = 1,
      perPage = 20,
    } = await request.validateUsing(listFeeRecordsValidator, { data: request.qs() })
    const { data, meta } = pageOf(await feeRecordsWithFlags({ flagged, item }), page, perPage)
    return { data: data.map((row) => presentFeeRecord(row, i18n)), meta }
  }
}
