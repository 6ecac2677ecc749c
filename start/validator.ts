/*
 * VineJS, hardened for hostile input (found by tests/unit/validators_fuzz.spec.ts).
 * Preloaded first, before any validator is compiled.
 *
 * - A JSON object or array where a number is expected reached `Number(value)`:
 *   `{"toString":1}` threw a TypeError (500) and `[5]` passed as 5. Only
 *   numbers and strings are read as numbers now; anything else (objects,
 *   arrays, booleans) is "not a number" (422).
 * - A text with a lone UTF-16 surrogate ("\uD800", valid JSON) crashed the
 *   e-mail rule (URIError, a 500 on both databases) and is not valid Unicode: every
 *   `vine.string()` now refuses text that is not well-formed Unicode (422).
 * - A date in year 275760 (a timestamp format, `'x'`) or before year 1000
 *   is a valid JavaScript Date but no database date: every `vine.date()`
 *   keeps to years 1000–9999 (MySQL's DATE range). Instants stored in
 *   TIMESTAMP columns have the narrower storableInstantRule.
 */
import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { type HttpContext, HttpRequest, RequestValidator } from '@adonisjs/core/http'
import { FormMessagesProvider, formOf } from '#validators/labels'

const helpers = vine.helpers
const numeric = (value: unknown) => typeof value === 'number' || typeof value === 'string'

helpers.asNumber = (value: unknown) => (numeric(value) ? Number(value) : Number.NaN)
helpers.isNumeric = (value: unknown) => !Number.isNaN(helpers.asNumber(value))

const wellFormedRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value === 'string' && !value.isWellFormed()) {
    field.report('The {{ field }} field contains invalid characters', 'wellFormed', field)
  }
})

const string = vine.string.bind(vine)
vine.string = () => string().use(wellFormedRule())

const storableDateRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!(value instanceof Date)) return
  const year = value.getUTCFullYear()
  if (Number.isNaN(year) || year < 1000 || year > 9999) {
    field.report('The {{ field }} field is not a valid date', 'date', field)
  }
})

const date = vine.date.bind(vine)
vine.date = ((options?: Parameters<typeof date>[0]) =>
  date(options).use(storableDateRule())) as typeof vine.date

/*
 * Labels per form: a validator registered with `labelled(form, …)`
 * (app/validators/labels.ts) names its fields in its own words, in the
 * request's language, unless the caller brings its own messages provider.
 */
const formOptions = (ctx: HttpContext | undefined, validator: object, options: any) => {
  const form = formOf(validator)
  if (!form || !ctx?.i18n || options?.messagesProvider) return options
  return { ...options, messagesProvider: new FormMessagesProvider(ctx.i18n, form) }
}

HttpRequest.macro('validateUsing', function (this: HttpRequest, validator: any, options?: any) {
  return new RequestValidator(this.ctx!).validateUsing(
    validator,
    formOptions(this.ctx, validator, options)
  )
})
HttpRequest.macro('tryValidateUsing', function (this: HttpRequest, validator: any, options?: any) {
  return new RequestValidator(this.ctx!).tryValidateUsing(
    validator,
    formOptions(this.ctx, validator, options)
  )
})
