import type { Role } from '#domain/roles'

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [keyword: string]: unknown }

/** A compiled VineJS validator: its JSON Schema is derived, never written twice. */
export type SchemaSource = JsonSchema | { toJSONSchema(): unknown }

/** A text in Chinese first, then English. */
export type Text = readonly [zh: string, en: string]

/**
 * One API route as the OpenAPI document describes it. `path` is the route
 * pattern exactly as in start/routes/*.ts (`:id`); the document turns it into
 * `{id}`. Error answers (401/403/404/409/422/429) follow from the other fields.
 */
export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  tag: string
  summary: Text
  description?: Text
  /** Who may call it: anyone, any token holder, or token holders of these roles. */
  access: 'public' | 'user' | readonly Role[]
  /** Path parameters that are not integer ids (e.g. `code`, `ocid`). */
  stringParams?: readonly string[]
  query?: SchemaSource
  body?: SchemaSource
  /** The request body's media type (JSON by default; an RFC 3161 query for the TSA). */
  bodyType?: 'json' | 'multipart' | 'timestamp-query'
  /** Fields of a derived body schema that the route takes from its path instead. */
  bodyOmit?: readonly string[]
  success: {
    status: 200 | 201 | 204
    schema?: SchemaSource
    contentType?: string
    description?: Text
  }
  /** The state of the record may refuse the action (409). */
  conflict?: boolean
  /** Outside the API's rate limit (Stripe's webhook). */
  unthrottled?: boolean
}
