import { BasePolicy } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type InspectionPlan from '#models/inspection_plan'

/**
 * Regulators make inspection plans; a result is recorded only by one of the
 * inspectors the plan drew (双随机: not by whoever happens to be on duty).
 */
export default class InspectionPlanPolicy extends BasePolicy {
  create(user: User) {
    return user.role === 'regulator'
  }

  async recordResult(user: User, plan: InspectionPlan) {
    if (user.role !== 'regulator') return false
    const drawn = await db
      .from('inspection_inspectors')
      .where('plan_id', plan.id)
      .where('user_id', user.id)
      .first()
    return Boolean(drawn)
  }
}
