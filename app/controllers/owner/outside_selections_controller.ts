import type { HttpContext } from '@adonisjs/core/http'
import OutsideSelectionPolicy from '#policies/outside_selection_policy'
import { outsideSelectionFormValidator } from '#validators/outside_selection'
import { recordOutsideSelection } from '#actions/outside_selections/record_outside_selection'
import { FUNDING_SOURCES } from '#domain/funding_scope'
import { searchCatalog } from '#queries/catalog'
import { yuanToFen } from '#services/money'

/** The owner's form for a selection made outside the market (自主选择). */
export default class OutsideSelectionsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(OutsideSelectionPolicy).authorize('create')
    return view.render('pages/owner/outside_selection_form', {
      items: await searchCatalog({}),
      fundingSources: FUNDING_SOURCES,
    })
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(OutsideSelectionPolicy).authorize('create')
    const { priceYuan, ...form } = await request.validateUsing(outsideSelectionFormValidator)
    await recordOutsideSelection({ ...form, priceFen: yuanToFen(priceYuan) }, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.outsideSelections.recorded'))
    return response.redirect().toRoute('outsideSelections.index')
  }
}
