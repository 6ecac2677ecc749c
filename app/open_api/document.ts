/*
 * The OpenAPI 3.1 document of /api/v1, built from one entry per route
 * (operations/*.ts). Request schemas come from the VineJS validators the
 * controllers use, so the document cannot drift from what is validated;
 * error answers follow from each route's access, parameters and body.
 */
import type { I18n } from '@adonisjs/i18n'
import { abilityNeededFor } from '#domain/token_scopes'
import { COMPONENT_SCHEMAS } from '#open_api/schemas'
import type { ApiOperation, JsonSchema, SchemaSource } from '#open_api/types'
import { accountOperations } from '#open_api/operations/accounts'
import { catalogOperations } from '#open_api/operations/catalog'
import { projectOperations } from '#open_api/operations/projects'
import { contractOperations } from '#open_api/operations/contracts'
import { regulatorOperations } from '#open_api/operations/regulators'
import { openDataOperations } from '#open_api/operations/open_data'
import { inspectionOperations } from '#open_api/operations/inspections'
import { complaintOperations } from '#open_api/operations/complaints'
import { signatureOperations } from '#open_api/operations/signatures'
import { signingOperations } from '#open_api/operations/signing'
import { integrityOperations } from '#open_api/operations/integrity'
import { LEGACY_ROUTES } from '#open_api/legacy_routes'

export const API_TAGS = [
  'accounts',
  'catalog',
  'agencies',
  'projects',
  'contracts',
  'payments',
  'service',
  'evaluations',
  'credit',
  'regulators',
  'calendar',
  'open-data',
] as const

const BODY_MEDIA_TYPES = {
  'json': 'application/json',
  'multipart': 'multipart/form-data',
  'timestamp-query': 'application/timestamp-query',
} as const

export const API_OPERATIONS: ApiOperation[] = [
  ...accountOperations,
  ...catalogOperations,
  ...projectOperations,
  ...contractOperations,
  ...regulatorOperations,
  ...openDataOperations,
  ...inspectionOperations,
  ...complaintOperations,
  ...signatureOperations,
  ...signingOperations,
  ...integrityOperations,
]

export type OpenApiDocument = {
  openapi: string
  info: { title: string; version: string; description: string }
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, any>>
  components: Record<string, Record<string, any>>
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } })
const errorResponse = (
  description: string,
  schema = 'Error',
  headers?: Record<string, unknown>
) => ({
  description,
  ...(headers ? { headers } : {}),
  content: json({ $ref: `#/components/schemas/${schema}` }),
})

/** `/api/v1/projects/:id` → `/api/v1/projects/{id}` */
export function openApiPath(pattern: string) {
  return pattern.replace(/:(\w+)/g, '{$1}')
}

/**
 * A schema from a validator or a literal. VineJS describes what it accepts,
 * except that it drops unknown fields rather than refusing them, so
 * `additionalProperties: false` is left out.
 */
function schemaOf(source: SchemaSource, omit: readonly string[] = []): JsonSchema {
  const raw =
    typeof source.toJSONSchema === 'function'
      ? (source as { toJSONSchema(): unknown }).toJSONSchema()
      : source
  const schema = structuredClone(raw) as JsonSchema
  const clean = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(clean)
    const record = node as Record<string, unknown>
    if (record.additionalProperties === false) delete record.additionalProperties
    if (Array.isArray(record.required) && record.required.length === 0) delete record.required
    Object.values(record).forEach(clean)
  }
  clean(schema)
  const properties = schema.properties as Record<string, JsonSchema> | undefined
  for (const name of omit) {
    delete properties?.[name]
    if (Array.isArray(schema.required)) {
      schema.required = schema.required.filter((field) => field !== name)
    }
  }
  return schema
}

function operationId(operation: ApiOperation) {
  const words = operation.path
    .replace('/api/v1/', '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return operation.method + words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')
}

function accessText(operation: ApiOperation, i18n: I18n) {
  if (operation.access === 'public') return i18n.t('api.docs.access.public')
  if (operation.access === 'user') return i18n.t('api.docs.access.user')
  const roles = operation.access.map((role) => i18n.t(`messages.roles.${role}`)).join('、')
  return i18n.t('api.docs.access.roles', { roles })
}

/** The deprecated twin of a renamed route: the current operation, pointing at its path. */
function buildLegacyOperation(
  legacy: (typeof LEGACY_ROUTES)[number],
  current: ApiOperation,
  i18n: I18n
) {
  const built = buildOperation({ ...current, method: legacy.method, path: legacy.path }, i18n)
  const replacement = `${legacy.current.method.toUpperCase()} ${openApiPath(legacy.current.path)}`
  return {
    ...built,
    deprecated: true,
    description: [i18n.t('api.docs.deprecatedBy', { replacement }), built.description].join('\n\n'),
  }
}

function buildOperation(operation: ApiOperation, i18n: I18n) {
  const pick = (text: readonly [string, string]) => (i18n.locale === 'en' ? text[1] : text[0])
  const authenticated = operation.access !== 'public'
  const pathParams = [...operation.path.matchAll(/:(\w+)/g)].map(([, name]) => name)

  const parameters: Record<string, unknown>[] = pathParams.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: operation.stringParams?.includes(name)
      ? { type: 'string' }
      : { type: 'integer', minimum: 1 },
  }))
  if (operation.query) {
    const query = schemaOf(operation.query)
    const required = (query.required as string[] | undefined) ?? []
    for (const [name, schema] of Object.entries(
      (query.properties ?? {}) as Record<string, JsonSchema>
    )) {
      parameters.push({ name, in: 'query', required: required.includes(name), schema })
    }
  }

  const responses: Record<string, unknown> = {}
  const { success } = operation
  responses[success.status] =
    success.status === 204
      ? { description: i18n.t('api.docs.noContent') }
      : {
          description: success.description ? pick(success.description) : i18n.t('api.docs.ok'),
          content: {
            [success.contentType ?? 'application/json']: {
              schema: success.schema ? schemaOf(success.schema) : {},
            },
          },
        }
  const errorRef = (name: string) => ({ $ref: `#/components/responses/${name}` })
  if (authenticated) {
    responses['401'] = errorRef('Unauthorized')
    responses['403'] = errorRef('Forbidden')
  }
  if (pathParams.length > 0) responses['404'] = errorRef('NotFound')
  if (operation.conflict) responses['409'] = errorRef('Conflict')
  if (operation.body || operation.query) responses['422'] = errorRef('ValidationFailed')
  if (!operation.unthrottled) responses['429'] = errorRef('TooManyRequests')

  const description = [
    operation.description ? pick(operation.description) : '',
    accessText(operation, i18n),
  ]
    .filter(Boolean)
    .join('\n\n')

  return {
    'operationId': operationId(operation),
    'tags': [operation.tag],
    'summary': pick(operation.summary),
    description,
    'x-access': operation.access,
    'security': authenticated ? [{ bearerAuth: [abilityNeededFor(operation.method)] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              [BODY_MEDIA_TYPES[operation.bodyType ?? 'json']]: {
                schema: schemaOf(operation.body, operation.bodyOmit),
              },
            },
          },
        }
      : {}),
    responses,
  }
}

/** The whole document, its texts in the request's language (Chinese by default). */
export function buildOpenApiDocument(
  i18n: I18n,
  limits: { perTokenPerMinute: number; perIpPerMinute: number }
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  for (const operation of API_OPERATIONS) {
    const path = openApiPath(operation.path)
    paths[path] ??= {}
    paths[path][operation.method] = buildOperation(operation, i18n)
  }
  for (const legacy of LEGACY_ROUTES) {
    const current = API_OPERATIONS.find(
      (operation) =>
        operation.method === legacy.current.method && operation.path === legacy.current.path
    )
    if (!current) throw new Error(`${legacy.path}: no operation at ${legacy.current.path}`)
    const path = openApiPath(legacy.path)
    paths[path] ??= {}
    paths[path][legacy.method] = buildLegacyOperation(legacy, current, i18n)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: i18n.t('api.docs.apiTitle'),
      version: '1',
      description: i18n.t('api.docs.apiDescription', limits),
    },
    tags: API_TAGS.map((name) => ({ name, description: i18n.t(`api.docs.tags.${name}`) })),
    paths,
    components: {
      schemas: COMPONENT_SCHEMAS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: i18n.t('api.docs.bearer'),
        },
      },
      headers: {
        RetryAfter: {
          description: i18n.t('api.docs.retryAfter'),
          schema: { type: 'integer', minimum: 0 },
        },
      },
      responses: {
        Unauthorized: errorResponse(i18n.t('api.docs.errors.401')),
        Forbidden: errorResponse(i18n.t('api.docs.errors.403')),
        NotFound: errorResponse(i18n.t('api.docs.errors.404')),
        Conflict: errorResponse(i18n.t('api.docs.errors.409')),
        ValidationFailed: errorResponse(i18n.t('api.docs.errors.422'), 'ValidationError'),
        TooManyRequests: errorResponse(i18n.t('api.docs.errors.429'), 'Error', {
          'Retry-After': { $ref: '#/components/headers/RetryAfter' },
        }),
      },
    },
  }
}
