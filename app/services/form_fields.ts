import type { HttpContext } from '@adonisjs/core/http'

/**
 * The form field a refusal's field stands for. The market rules speak of
 * amounts in fen (`quoteFen`, `milestones.0.amountFen`), as the API does;
 * page forms take yuan (`quoteYuan`): a reason about `xFen` is shown at
 * `xYuan` when the form sent that field and not the fen one.
 */
export function pageFieldOf(field: string, ctx: HttpContext) {
  if (!field.endsWith('Fen')) return field
  const body = ctx.request.all()
  if (valueAt(body, field) !== undefined) return field
  const yuan = `${field.slice(0, -'Fen'.length)}Yuan`
  return valueAt(body, yuan) === undefined ? field : yuan
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}
