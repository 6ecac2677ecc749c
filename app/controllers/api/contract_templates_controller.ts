import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import ContractTemplatePolicy from '#policies/contract_template_policy'
import { contractTemplateValidator } from '#validators/contract'
import { publishTemplate } from '#actions/contracts/publish_template'
import { currentTemplates, presentTemplate, templateVersions } from '#queries/contract_templates'

/** Model contracts (示范合同) in the API; pages: contract_templates_controller.ts. */
export default class ContractTemplatesController {
  /** GET /api/v1/contract-templates — the current version of each. */
  async index() {
    const rows = await currentTemplates()
    return { data: rows.map(presentTemplate) }
  }

  /** GET /api/v1/contract-templates/:key — every version. */
  async show({ params }: HttpContext) {
    const versions = await templateVersions(params.key)
    if (versions.length === 0) throw new lucidErrors.E_ROW_NOT_FOUND()
    return { data: versions.map(presentTemplate) }
  }

  /** POST /api/v1/regulator/contract-templates (regulators and admins) */
  async store({ request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(ContractTemplatePolicy).authorize('publish')
    const payload = await request.validateUsing(contractTemplateValidator)
    const template = await publishTemplate(payload, auth.getUserOrFail())
    const [row] = await templateVersions(template.key)
    return response.created(presentTemplate(row))
  }
}
