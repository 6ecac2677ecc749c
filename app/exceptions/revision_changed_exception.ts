import type { HttpContext } from '@adonisjs/core/http'
import RefusalException from '#exceptions/refusal_exception'

/**
 * The signer was shown another revision or text than the one in force: 409
 * `E_REVISION_CHANGED` naming the current revision and its text hash, so the
 * signer reads the new text before signing it. Nothing is signed.
 */
export default class RevisionChangedException extends RefusalException {
  constructor(
    readonly current: { contractId: number; revision: number; textSha256: string },
    readonly shown: { revision: number; textSha256: string }
  ) {
    super(
      409,
      'E_REVISION_CHANGED',
      {
        identifier: 'messages.contracts.revisionChanged',
        data: { revision: current.revision, shown: shown.revision },
      },
      'The contract changed since the signer was shown it'
    )
  }

  async handle(error: this, ctx: HttpContext) {
    const message = ctx.i18n.t(error.translation.identifier, error.translation.data ?? {})
    if (!ctx.request.url().startsWith('/api/')) {
      // Back to the contract, where the revision in force is the text shown.
      ctx.session.flash('error', message)
      return ctx.response.redirect().toRoute('contracts.show', { id: error.current.contractId })
    }
    return ctx.response.status(409).send({
      errors: [
        {
          code: error.code,
          message,
          revision: error.current.revision,
          textSha256: error.current.textSha256,
        },
      ],
    })
  }
}
