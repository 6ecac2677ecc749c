import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { normalizeUscc, usccProblem } from '#domain/uscc'

/**
 * VineJS rule for a 统一社会信用代码. Each kind of defect has its own rule
 * name (uscc.length, uscc.charset, uscc.orgCodeCheck, uscc.checkCharacter)
 * so that the message says exactly what is wrong.
 */
const usccRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const code = normalizeUscc(value)
  field.mutate(code, field)
  const problem = usccProblem(code)
  if (problem) {
    field.report(
      `The {{ field }} is not a valid unified social credit code`,
      `uscc.${problem}`,
      field
    )
  }
})

/** A trimmed, upper-cased, fully checked USCC. */
export function usccField() {
  return vine.string().trim().use(usccRule())
}
