import { BasePolicy } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type InspectionFile from '#models/inspection_file'

/**
 * The result is public; its evidence files may name people and business
 * details, so they go to staff and to the inspected agency only.
 */
export default class InspectionFilePolicy extends BasePolicy {
  async view(user: User, file: InspectionFile) {
    if (user.role === 'regulator' || user.role === 'admin') return true
    if (user.role !== 'agency') return false
    const target = await db
      .from('inspection_targets')
      .where('id', file.targetId)
      .select('organization_id')
      .first()
    return Number(target?.organization_id) === user.organizationId
  }
}
