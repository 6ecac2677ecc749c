/*
 * Stripe's v1 API takes application/x-www-form-urlencoded bodies with
 * bracketed keys, as the SDK writes them: `metadata[contract_id]=7`,
 * `payment_method_types[0]=card` (or `payment_method_types[]=card`). This
 * turns such a body (or a query string) back into nested objects and arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue }
export type FormObject = { [key: string]: FormValue }

/** `a[b][0]` → ['a', 'b', '0']; a key without brackets is one segment. */
function segmentsOf(key: string) {
  const first = key.indexOf('[')
  if (first === -1) return [key]
  const segments = [key.slice(0, first)]
  const pattern = /\[([^\]]*)\]/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(key.slice(first))) !== null) segments.push(match[1])
  return segments
}

/** Parses a form body; numeric and empty segments make arrays, others objects. */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const segments = segmentsOf(key)
    let node: any = root
    for (const [index, segment] of segments.entries()) {
      const last = index === segments.length - 1
      const nextIsArray = !last && /^\d*$/.test(segments[index + 1])
      if (Array.isArray(node)) {
        const position = segment === '' ? node.length : Number(segment)
        if (last) node[position] = value
        else node = node[position] ??= nextIsArray ? [] : {}
      } else if (last) {
        node[segment] = value
      } else {
        node = node[segment] ??= nextIsArray ? [] : {}
      }
    }
  }
  return compactArrays(root) as FormObject
}

/** `a[2]=x` alone would leave holes; Stripe reads indices as an ordered list. */
function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, compactArrays(item)])
    )
  }
  return value
}
