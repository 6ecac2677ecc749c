import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Evaluation from '#models/evaluation'

/** Evaluations are public; only the rated organisation replies (once, checked by the domain). */
export default class EvaluationPolicy extends BasePolicy {
  reply(user: User, evaluation: Evaluation) {
    return (
      (user.role === 'agency' || user.role === 'owner') &&
      user.organizationId === evaluation.ratedOrganizationId
    )
  }
}
