import type { HttpContext } from '@adonisjs/core/http'
import OutsideSelectionPolicy from '#policies/outside_selection_policy'
import {
  listOutsideSelectionsValidator,
  outsideSelectionValidator,
} from '#validators/outside_selection'
import { recordOutsideSelection } from '#actions/outside_selections/record_outside_selection'
import { outsideSelections } from '#queries/outside_selections'

/** Selections made outside the market (自主选择): public list, and an owner's record. */
export default class OutsideSelectionsController {
  /** GET /api/v1/outside-selections */
  async index({ request }: HttpContext) {
    const { page } = await request.validateUsing(listOutsideSelectionsValidator, {
      data: request.qs(),
    })
    return outsideSelections(page ?? 1)
  }

  /** POST /api/v1/outside-selections (owner) */
  async store({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(OutsideSelectionPolicy).authorize('create')
    const input = await request.validateUsing(outsideSelectionValidator)
    const record = await recordOutsideSelection(input, auth.getUserOrFail())
    return response.created({
      id: record.id,
      rulesetVersion: record.rulesetVersion,
      selectedOn: record.selectedOn.toISODate(),
    })
  }
}
