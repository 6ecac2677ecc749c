import type { JsonSchema } from '#open_api/types'

/** An object schema from its properties; `required` lists the mandatory ones. */
export function object(
  properties: Record<string, JsonSchema>,
  required: string[] = []
): JsonSchema {
  return { type: 'object', properties, ...(required.length ? { required } : {}) }
}

export const string = (minLength = 1, maxLength = 10_000): JsonSchema => ({
  type: 'string',
  minLength,
  maxLength,
})
export const integer = (minimum?: number, maximum?: number): JsonSchema => ({
  type: 'integer',
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
})
export const pageQuery = object({ page: integer(1) })
export const reasonBody = object({ reason: string(4, 2000) }, ['reason'])
