import RefusalException from '#exceptions/refusal_exception'
import type { IneligibilityReason } from '#domain/eligibility'

/** The agency may not take part in this selection: 403 naming the condition that failed. */
export default class IneligibleException extends RefusalException {
  /**
   * `member` names a consortium member when the member, not the bidder, fails;
   * `field` is then where the request names it (`consortium.<n>.agencyId`).
   */
  constructor(
    readonly reason: IneligibilityReason,
    member?: string,
    field?: string
  ) {
    const { code, ...data } = reason
    const names = 'names' in data ? { names: data.names.join('、') } : {}
    super(403, 'E_INELIGIBLE', {
      identifier: member ? `messages.eligibility.member.${code}` : `messages.eligibility.${code}`,
      data: { ...data, ...names, member },
      ...(field === undefined ? {} : { field }),
    })
  }
}
