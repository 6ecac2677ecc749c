import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { practiceSearchValidator } from '#validators/practitioner'
import { practiceRecord, searchPractitioners } from '#queries/practice_records'

/** 执业记录 in the API: the twin of /practitioners. */
export default class PractitionersController {
  /** GET /api/v1/practitioners?name=&agency=&page= (public). */
  async index({ request }: HttpContext) {
    const filters = await request.validateUsing(practiceSearchValidator, { data: request.qs() })
    return searchPractitioners(filters)
  }

  /** GET /api/v1/practitioners/:id (public practice record). */
  async show({ params }: HttpContext) {
    const record = await practiceRecord(Number(params.id))
    if (!record) throw new lucidErrors.E_ROW_NOT_FOUND()
    return record
  }
}
