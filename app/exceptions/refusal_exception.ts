import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/** What a refusal says: a message key with its parameters, translated once by the handler. */
export type Translation = { identifier: string; data?: Record<string, unknown> }

/**
 * One reason of a refusal. `field` names the form or API field it concerns
 * (the page shows it at that field, the API names it); `rule` is the
 * machine-readable rule of a 422, as VineJS reports it.
 */
export type RefusalReason = Translation & { field?: string; rule?: string }

/**
 * The market rules refuse the action: the input breaks a rule (422), the
 * actor is not eligible (403) or the state does not allow it (409). The
 * refusal carries message keys, never text: the exception handler translates
 * them in the request's language — the API answers `{errors:[{code, message,
 * field?}]}`, pages show each reason at its field (or flash it) and go back.
 */
export default class RefusalException extends Exception {
  readonly reasons: RefusalReason[]

  constructor(
    status: number,
    code: string,
    reasons: RefusalReason | RefusalReason[],
    message = 'The market rules refuse this action'
  ) {
    super(message, { status, code })
    this.reasons = Array.isArray(reasons) ? reasons : [reasons]
  }

  /** Extra members of the API error object (a refusal may name the record it concerns). */
  apiDetails(): Record<string, unknown> {
    return {}
  }

  /**
   * Where a page goes after the refusal: back to the form (with the query
   * string it was opened with, e.g. the project form's chosen method) unless
   * a refusal knows better.
   */
  redirectPage(response: HttpContext['response']) {
    return response.redirect().withQs().back()
  }
}
