import type { HttpContext } from '@adonisjs/core/http'

/**
 * The form field a refusal's field stands for. The market rules speak of
 * amounts in fen (`quoteFen`, `ceilingPriceFen`), as the API does; page
 * forms take yuan (`quoteYuan`, `ceilingYuan`): a reason about `xFen` is
 * shown at `xYuan` (or `xYuan` less `Price`) when the form sent that field
 * and not the fen one.
 */
export function pageFieldOf(field: string, ctx: HttpContext) {
  if (!field.endsWith('Fen')) return field
  const body = ctx.request.all()
  if (valueAt(body, field) !== undefined) return field
  const base = field.slice(0, -'Fen'.length)
  const candidates = [`${base}Yuan`, `${base.replace(/Price$/, '')}Yuan`]
  return candidates.find((candidate) => valueAt(body, candidate) !== undefined) ?? field
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}
