import type { OpenApiDocument } from '#open_api/document'

/*
 * The OpenAPI document flattened for the /api-docs page: rows of fields
 * (`consortium[].agencyId`) with type and constraints, so the template only
 * loops. No rules here, only presentation.
 */
export type SchemaRow = { name: string; type: string; required: boolean; constraints: string }

type Schema = Record<string, any>
const MAX_DEPTH = 3
const CONSTRAINT_KEYS = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'pattern',
  'format',
] as const

function resolver(document: OpenApiDocument) {
  return (schema: Schema): [Schema, string | null] => {
    if (typeof schema.$ref !== 'string') return [schema, null]
    const segments = schema.$ref.replace(/^#\//, '').split('/')
    // A $ref may point anywhere in the document: the walk is over untyped JSON.
    const target = segments.reduce<any>((node, segment) => node?.[segment], document)
    return [target ?? {}, segments.at(-1)!]
  }
}

function typeLabel(schema: Schema, refName: string | null): string {
  if (refName) return refName
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.slice(0, 8).map((value: unknown) => JSON.stringify(value))
    return values.join(' | ') + (schema.enum.length > 8 ? ` | …(${schema.enum.length})` : '')
  }
  if (schema.type === 'array') return 'array'
  if (Array.isArray(schema.type)) return schema.type.join(' | ')
  return schema.type ?? 'any'
}

function constraintsOf(schema: Schema) {
  return CONSTRAINT_KEYS.filter((key) => schema[key] !== undefined)
    .map((key) => `${key} ${schema[key]}`)
    .join(', ')
}

/** Field rows of a schema, nested objects and arrays of objects included. */
export function schemaRows(document: OpenApiDocument, schema: Schema): SchemaRow[] {
  const resolve = resolver(document)
  const rows: SchemaRow[] = []
  const walk = (node: Schema, prefix: string, depth: number) => {
    const [resolved] = resolve(node)
    const parts: Schema[] = resolved.allOf
      ? resolved.allOf.map((part: Schema) => resolve(part)[0])
      : [resolved]
    for (const part of parts) {
      const required: string[] = part.required ?? []
      for (const [name, property] of Object.entries<Schema>(part.properties ?? {})) {
        const [target, refName] = resolve(property)
        const items = target.type === 'array' && target.items ? resolve(target.items) : null
        rows.push({
          name: prefix + name,
          type: items ? `array<${typeLabel(items[0], items[1])}>` : typeLabel(target, refName),
          required: required.includes(name),
          constraints: constraintsOf(target),
        })
        if (depth >= MAX_DEPTH) continue
        if (!refName && target.properties) walk(target, `${prefix}${name}.`, depth + 1)
        if (items && !items[1] && items[0].properties)
          walk(items[0], `${prefix}${name}[].`, depth + 1)
      }
    }
  }
  walk(schema, '', 0)
  return rows
}

/** Tags in order, each with its operations as the page shows them. */
export function openApiPage(document: OpenApiDocument) {
  const resolve = resolver(document)
  // Each operation is read from untyped JSON Schema (see Schema): its shape is the object pushed below.
  const groups = document.tags.map((tag) => ({ ...tag, operations: [] as any[] }))
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries<Schema>(methods)) {
      const [media, body] = Object.entries<Schema>(operation.requestBody?.content ?? {})[0] ?? []
      groups
        .find((group) => group.name === operation.tags[0])
        ?.operations.push({
          id: operation.operationId,
          method: method.toUpperCase(),
          path,
          summary: operation.summary,
          description: operation.description,
          scope: operation.security[0]?.bearerAuth?.[0] ?? null,
          parameters: (operation.parameters ?? []).map((parameter: Schema) => ({
            name: parameter.name,
            in: parameter.in,
            required: parameter.required,
            type: typeLabel(parameter.schema, null),
            constraints: constraintsOf(parameter.schema),
          })),
          body: body ? { mediaType: media, rows: schemaRows(document, body.schema) } : null,
          responses: Object.entries<Schema>(operation.responses).map(([status, answer]) => {
            const [named] = resolve(answer)
            const [mediaType, content] = Object.entries<Schema>(named.content ?? {})[0] ?? []
            const schema = content?.schema ?? null
            return {
              status,
              description: named.description,
              mediaType: mediaType ?? null,
              schemaName: schema?.$ref ? schema.$ref.split('/').pop() : null,
              rows: schema && Number(status) < 300 ? schemaRows(document, schema) : [],
            }
          }),
        })
    }
  }
  return groups.filter((group) => group.operations.length > 0)
}
