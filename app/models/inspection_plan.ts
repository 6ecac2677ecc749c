import { InspectionPlanSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import InspectionTarget from '#models/inspection_target'
import InspectionInspector from '#models/inspection_inspector'
import type { Exclusion } from '#domain/inspection_draw'
import type { RiskClass } from '#domain/inspection_risk'

/**
 * 双随机抽查计划: a plan whose agencies and inspectors were drawn when it was
 * made; the candidate lists and the seed are kept for anyone to recompute.
 */
export default class InspectionPlan extends InspectionPlanSchema {
  @hasMany(() => InspectionTarget, { foreignKey: 'planId' })
  declare targets: HasMany<typeof InspectionTarget>

  @hasMany(() => InspectionInspector, { foreignKey: 'planId' })
  declare inspectors: HasMany<typeof InspectionInspector>

  get agencyCandidateIds(): number[] {
    return JSON.parse(this.agencyCandidates)
  }

  get inspectorCandidateIds(): number[] {
    return JSON.parse(this.inspectorCandidates)
  }

  /** A risk-weighted plan's classes as published (ratio and candidates); null for a uniform plan. */
  get publishedRiskClasses():
    { riskClass: RiskClass; ratioBp: number; candidates: number[]; notDue?: number[] }[] | null {
    return this.riskClasses ? JSON.parse(this.riskClasses) : null
  }

  get exclusions(): Exclusion[] {
    return JSON.parse(this.excludedInspectors)
  }
}
