/*
 * Field labels per form. A field name means different things in different
 * forms (a project's `description` is its 项目概况, an agency's is its
 * 机构简介): a validator registered with `labelled('project', …)` names its
 * fields from `validator.project.fields` (resources/lang/<locale>/validator.json),
 * then from `validator.shared.fields`; its messages likewise from
 * `validator.project.messages`, then the shared ones.
 */
import string from '@adonisjs/core/helpers/string'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

const formsOf = new WeakMap<object, string>()

/** Registers the validator as the form `form`, whose labels live under validator.<form>. */
export function labelled<Validator extends object>(form: string, validator: Validator) {
  formsOf.set(validator, form)
  return validator
}

/** The form a validator was registered as, if any. */
export function formOf(validator: object) {
  return formsOf.get(validator)
}

/** VineJS messages in the request's language, the form's own labels first. */
export class FormMessagesProvider implements MessagesProviderContact {
  readonly #prefixes: string[]

  constructor(
    readonly i18n: I18n,
    form?: string
  ) {
    this.#prefixes = form ? [`validator.${form}`, 'validator.shared'] : ['validator.shared']
  }

  #resolve(keys: string[]) {
    for (const key of keys) {
      const found = this.i18n.resolveIdentifier(key)
      if (found) return found.message
    }
    return null
  }

  label(name: string) {
    const label = this.#resolve(this.#prefixes.map((prefix) => `${prefix}.fields.${name}`))
    return label === null ? name : this.i18n.formatRawMessage(label)
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const data: Record<string, any> = { ...meta, field: this.label(field.name as string) }
    if (meta?.otherField) data.otherField = this.label(meta.otherField)
    if (meta?.originalField) data.originalField = this.label(meta.originalField)
    const message = this.#resolve([
      ...this.#prefixes.map((prefix) => `${prefix}.messages.${field.wildCardPath}.${rule}`),
      ...this.#prefixes.map((prefix) => `${prefix}.messages.${rule}`),
    ])
    if (message !== null) return this.i18n.formatRawMessage(message, data)
    return string.interpolate(defaultMessage, data)
  }
}
