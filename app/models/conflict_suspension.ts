import { ConflictSuspensionSchema } from '#database/schema'

/**
 * A listing or open bid suspended because a change of the register or of the
 * agency's declaration made the agency affiliated with the item's department.
 */
export default class ConflictSuspension extends ConflictSuspensionSchema {
  declare kind: 'listing' | 'bid'
  declare cause: 'register' | 'declaration'
  declare via: 'self' | 'sponsor' | 'shareholder'
}
