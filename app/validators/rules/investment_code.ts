import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { investmentCodeProblem, normalizeInvestmentCode } from '#domain/investment_project_code'
import { clock } from '#services/clock'

/**
 * VineJS rule for a 投资项目代码: normalised (full-width digits, dashes),
 * then checked by form; each defect has its own rule name
 * (investmentCode.format, .year, .division) so the message says which.
 */
const investmentCodeRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const code = normalizeInvestmentCode(value)
    field.mutate(code, field)
    const problem = investmentCodeProblem(code, clock.now())
    if (problem) {
      field.report(
        'The {{ field }} is not a valid investment project code',
        `investmentCode.${problem}`,
        field
      )
    }
  }
)

/** An optional 投资项目代码, checked by form. */
export function investmentCodeField() {
  return vine.string().trim().maxLength(64).use(investmentCodeRule())
}
