import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import ContractTemplate from '#models/contract_template'
import ServiceItem from '#models/service_item'
import { missingPlaceholders, unknownPlaceholders } from '#domain/contract_template'
import { recordAuditEvent } from '#services/audit_log'
import { refuse, type FieldProblem } from '#actions/projects/project_rules'

export type TemplateInput = {
  key: string
  title: string
  body: string
  serviceItemCode?: string | null
  category?: string | null
  changeReason: string
}

/**
 * A regulator publishes a model contract, or a new version of one, with the
 * reason for the change. Only declared fields may appear as placeholders, and
 * the parties, price and milestones must. Contracts already made keep the
 * version they were made from.
 */
export async function publishTemplate(input: TemplateInput, regulator: User) {
  const problems: FieldProblem[] = []
  const unknown = unknownPlaceholders(input.body)
  if (unknown.length > 0) {
    problems.push({
      field: 'body',
      rule: 'unknownPlaceholders',
      data: { names: unknown.join('、') },
    })
  }
  const missing = missingPlaceholders(input.body)
  if (missing.length > 0) {
    problems.push({
      field: 'body',
      rule: 'missingPlaceholders',
      data: { names: missing.join('、') },
    })
  }
  const item = input.serviceItemCode
    ? await ServiceItem.query().where('code', input.serviceItemCode).first()
    : null
  if (input.serviceItemCode && !item) {
    problems.push({ field: 'serviceItemCode', rule: 'unknownItem' })
  }
  if (problems.length > 0) refuse(problems)

  return db.transaction(async (trx) => {
    const latest = await trx
      .from('contract_templates')
      .where('key', input.key)
      .orderBy('version', 'desc')
      .forUpdate()
      .first()
    const template = await ContractTemplate.create(
      {
        key: input.key,
        version: latest ? Number(latest.version) + 1 : 1,
        serviceItemId: item?.id ?? null,
        category: item ? null : (input.category ?? null),
        title: input.title,
        body: input.body,
        changeReason: input.changeReason,
        createdByUserId: regulator.id,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'contract_template.published',
      subjectType: 'contract_template',
      subjectId: template.id,
      payload: {
        key: template.key,
        version: template.version,
        serviceItemId: template.serviceItemId,
        category: template.category,
        changeReason: template.changeReason,
      },
    })
    return template
  })
}
