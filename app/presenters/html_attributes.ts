/*
 * HTML attributes for the views' `html.attrs({...})`. Edge's own helper puts
 * each value between double quotes without escaping it, so a value holding
 * `"` ended the attribute and the rest became markup (a button added to a
 * form, an event handler). Here every value is escaped the way `{{ }}`
 * escapes text.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** A value escaped for a double-quoted attribute (and for text). */
export function escapeAttributeValue(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (character) => ESCAPES[character])
}

/** Names written in the templates; anything else is a template error, not a value to pass on. */
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_:.-]*$/

/**
 * `{ name: 'q', required: true, value: 'a"b', hidden: false }` →
 * `name="q" required value="a&quot;b"`. As with Edge's helper: `true` writes
 * the bare attribute; `false`, `null`, `undefined` and `''` leave it out; an
 * array is joined with spaces. Unlike it, 0 is written (`value="0"`).
 */
export function htmlAttributes(values: Record<string, unknown>): string {
  const attributes: string[] = []
  for (const [name, value] of Object.entries(values)) {
    if (!ATTRIBUTE_NAME.test(name)) throw new Error(`Invalid HTML attribute name: ${name}`)
    if (value === undefined || value === null || value === false || value === '') continue
    if (value === true) {
      attributes.push(name)
      continue
    }
    const text = Array.isArray(value) ? value.join(' ') : value
    attributes.push(`${name}="${escapeAttributeValue(text)}"`)
  }
  return attributes.join(' ')
}
