import type { HttpContext } from '@adonisjs/core/http'

/**
 * The form field a refusal's field stands for. The market rules speak of
 * amounts in fen (`quoteFen`, `ceilingPriceFen`, a contract's `price`), as
 * the API does; page forms take yuan (`quoteYuan`, `ceilingYuan`,
 * `priceYuan`): when the form did not send the field itself, a reason about
 * `x` or `xFen` is shown at `xYuan` (or at it less `Price`) if the form sent
 * that one.
 */
export function pageFieldOf(field: string, ctx: HttpContext) {
  const body = ctx.request.all()
  if (valueAt(body, field) !== undefined) return field
  const base = field.replace(/Fen$/, '')
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
