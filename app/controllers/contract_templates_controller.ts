import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import ContractTemplatePolicy from '#policies/contract_template_policy'
import { contractTemplateValidator } from '#validators/contract'
import { publishTemplate } from '#actions/contracts/publish_template'
import { currentTemplates, templateVersions } from '#queries/contract_templates'
import { searchCatalog } from '#queries/catalog'
import { TEMPLATE_FIELDS } from '#domain/contract_template'

/**
 * Model contracts (示范合同): public to read, published by regulators. The
 * API's twin: api/contract_templates_controller.ts.
 */
export default class ContractTemplatesController {
  /** GET /contract-templates */
  async index({ view }: HttpContext) {
    return view.render('pages/contract_templates/index', { templates: await currentTemplates() })
  }

  /** GET /contract-templates/:key — every version. */
  async show({ params, view }: HttpContext) {
    const versions = await templateVersions(params.key)
    if (versions.length === 0) throw new lucidErrors.E_ROW_NOT_FOUND()
    return view.render('pages/contract_templates/show', { versions })
  }

  /** GET /regulator/contract-templates/new?key= — a new template, or a new version of one. */
  async create({ request, view, bouncer }: HttpContext) {
    await bouncer.with(ContractTemplatePolicy).authorize('publish')
    const key = request.input('key')
    const [latest] = key ? await templateVersions(String(key)) : []
    return view.render('pages/contract_templates/form', {
      latest: latest ?? null,
      items: await searchCatalog({}),
      fields: TEMPLATE_FIELDS,
    })
  }

  /** POST /regulator/contract-templates */
  async store({ request, response, bouncer, auth, session, i18n }: HttpContext) {
    await bouncer.with(ContractTemplatePolicy).authorize('publish')
    const payload = await request.validateUsing(contractTemplateValidator)
    const template = await publishTemplate(payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.templates.published', { version: template.version }))
    return response.redirect().toRoute('contract_templates.show', { key: template.key })
  }
}
