import { AgencyDeclarationSchema } from '#database/schema'
import { afterDelete, afterSave } from '@adonisjs/lucid/orm'
import type { AgencyNature, Declaration, Shareholder } from '#domain/affiliations'
import { agencyTag, invalidateLists } from '#services/public_cache'

/**
 * One version of what an agency declares about itself (红顶中介): its nature,
 * its sponsor or supervising body, its shareholders of 5 % or more (stored
 * as JSON text). The latest version is in force; earlier ones are kept.
 */
export default class AgencyDeclaration extends AgencyDeclarationSchema {
  /** The agency page shows the current declaration. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: AgencyDeclaration) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare nature: AgencyNature

  get shareholderList(): Shareholder[] {
    return JSON.parse(this.shareholders)
  }

  /** The declaration as the pure rules read it. */
  get facts(): Declaration {
    return {
      nature: this.nature,
      sponsor:
        this.sponsorUscc && this.sponsorName
          ? { name: this.sponsorName, uscc: this.sponsorUscc }
          : null,
      shareholders: this.shareholderList,
    }
  }
}
