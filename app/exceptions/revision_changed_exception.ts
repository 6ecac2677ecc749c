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

  apiDetails() {
    return { revision: this.current.revision, textSha256: this.current.textSha256 }
  }

  /** Back to the contract, where the revision in force is the text shown. */
  redirectPage(response: HttpContext['response']) {
    return response.redirect().toRoute('contracts.show', { id: this.current.contractId })
  }
}
