import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { practiceSearchValidator } from '#validators/practitioner'
import { practiceRecord, searchPractitioners } from '#queries/practice_records'

/** 执业记录: the public practice records of named practitioners. */
export default class PractitionersController {
  /** GET /practitioners?name=&agency=: find a practitioner by name and agency. */
  async index({ request, view }: HttpContext) {
    const filters = await request.validateUsing(practiceSearchValidator, { data: request.qs() })
    const searched = Boolean(filters.name || filters.agency)
    const result = searched ? await searchPractitioners(filters) : null
    return view.render('pages/practitioners/index', { filters, result })
  }

  /** GET /practitioners/:id: the practice record (never the ID number). */
  async show({ params, view }: HttpContext) {
    const record = await practiceRecord(Number(params.id))
    if (!record) throw new lucidErrors.E_ROW_NOT_FOUND()
    return view.render('pages/practitioners/show', { record })
  }
}
