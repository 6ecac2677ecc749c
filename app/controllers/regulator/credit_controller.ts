import type { HttpContext } from '@adonisjs/core/http'
import CreditAppeal from '#models/credit_appeal'
import FollowUpCase from '#models/follow_up_case'
import CreditAppealPolicy from '#policies/credit_appeal_policy'
import CreditRuleSetPolicy from '#policies/credit_rule_set_policy'
import FollowUpCasePolicy from '#policies/follow_up_case_policy'
import { CREDIT_EVENT_TYPES } from '#domain/credit'
import { FOLLOW_UP_STEPS } from '#domain/service_delivery'
import { creditAppealDecisionValidator, creditRulesFormValidator } from '#validators/credit'
import { followUpStepValidator } from '#validators/evaluation'
import { decideCreditAppeal } from '#actions/credit/credit_appeals'
import { publishCreditRules } from '#actions/credit/credit_rules'
import { recordFollowUpStep } from '#actions/delivery/evaluations'
import { creditAppealsForRegulators } from '#queries/credit_appeals'
import { followUpCases } from '#queries/follow_ups'
import { creditRulesInForce } from '#services/credit_ledger'
import CreditAppealFile from '#models/credit_appeal_file'
import drive from '@adonisjs/drive/services/main'
import { RULE_SEVERITIES } from '#domain/credit_repair'

/** The regulator's credit desk: appeals and repairs, bad-rating follow-ups, the rule table. */
export default class CreditController {
  async appeals({ view }: HttpContext) {
    const [pending, decided] = await Promise.all([
      creditAppealsForRegulators('pending'),
      creditAppealsForRegulators('decided', 30),
    ])
    return view.render('pages/regulator/credit_appeals', { pending, decided })
  }

  async decideAppeal({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(CreditAppealPolicy).authorize('decide')
    const appeal = await CreditAppeal.findOrFail(params.id)
    // `granted` comes from the button pressed ("true"/"false"): VineJS reads it as a boolean.
    const decision = await request.validateUsing(creditAppealDecisionValidator)
    await decideCreditAppeal(appeal, decision, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.creditAppeals.decidedDone'))
    return response.redirect().toRoute('regulator.credit_appeals.index')
  }

  /** The evidence of a repair application, streamed to regulators only. */
  async repairFile({ params, response, bouncer }: HttpContext) {
    await bouncer.with(CreditAppealPolicy).authorize('decide')
    const file = await CreditAppealFile.findOrFail(params.id)
    const extension = file.fileKey.split('.').pop()
    response.header('content-type', file.fileMime)
    response.attachment(`credit-repair-${file.id}.${extension}`)
    return response.stream(await drive.use().getStream(file.fileKey))
  }

  async followUps({ view, request }: HttpContext) {
    const filter = request.input('status') === 'closed' ? 'closed' : 'open'
    return view.render('pages/regulator/follow_ups', {
      cases: await followUpCases(filter),
      filter,
      steps: FOLLOW_UP_STEPS,
    })
  }

  async recordStep({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(FollowUpCasePolicy).authorize('manage')
    const followUp = await FollowUpCase.findOrFail(params.id)
    const input = await request.validateUsing(followUpStepValidator)
    await recordFollowUpStep(followUp, input, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.followUps.recorded'))
    return response.redirect().toRoute('regulator.follow_ups.index')
  }

  async rules({ view }: HttpContext) {
    return view.render('pages/regulator/credit_rules', {
      current: await creditRulesInForce(),
      types: CREDIT_EVENT_TYPES,
      severities: RULE_SEVERITIES,
    })
  }

  /** The form posts every type's points and validity, the incentives as checkboxes, and a reason. */
  async updateRules({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(CreditRuleSetPolicy).authorize('publish')
    const input = await request.validateUsing(creditRulesFormValidator)
    const { version } = await publishCreditRules(input, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.creditRules.published', { version }))
    return response.redirect().toRoute('regulator.credit_rules.show')
  }
}
