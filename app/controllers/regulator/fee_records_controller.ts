import type { HttpContext } from '@adonisjs/core/http'
import ServiceItem from '#models/service_item'
import FeeRecordPolicy from '#policies/fee_record_policy'
import { listFeeRecordsValidator } from '#validators/fee_record'
import { feeRecordsWithFlags, pageOf } from '#queries/fee_records'
import { feeRecordsCsv, flagMessage } from '#presenters/fee_record'

/** 收费记录: the regulators' list of every payment, refund and failure, with flags, and its CSV. */
export default class FeeRecordsController {
  /** GET /regulator/fee-records?flagged=&item=&page= */
  async index({ request, bouncer, view, i18n }: HttpContext) {
    await bouncer.with(FeeRecordPolicy).authorize('viewAny')
    const {
      flagged,
      item,
      page = 1,
    } = await request.validateUsing(listFeeRecordsValidator, {
      data: request.qs(),
    })
    const { data, meta } = pageOf(await feeRecordsWithFlags({ flagged, item }), page, 50)
    const items = await ServiceItem.query().orderBy('code').select('code', 'name')
    return view.render('pages/regulator/fee_records', {
      records: data.map((row) => ({
        ...row,
        flagTexts: row.flags.map((flag) => flagMessage(flag, i18n)),
      })),
      meta,
      items,
      filters: { flagged: flagged ?? false, item: item ?? '' },
    })
  }

  /** GET /regulator/fee-records.csv?flagged=&item=: the same records for Excel. */
  async export({ request, bouncer, response, i18n }: HttpContext) {
    await bouncer.with(FeeRecordPolicy).authorize('viewAny')
    const { flagged, item } = await request.validateUsing(listFeeRecordsValidator, {
      data: request.qs(),
    })
    const csv = feeRecordsCsv(await feeRecordsWithFlags({ flagged, item }), i18n)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', 'attachment; filename="fee-records.csv"')
    return csv
  }
}
