import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Project from '#models/project'
import IneligibleException from '#exceptions/ineligible_exception'
import { ineligibilityReason } from '#domain/eligibility'
import { eligibilityFactsFor } from '#queries/eligibility_facts'

export type FieldProblem = { field: string; rule: string; data?: Record<string, unknown> }

/**
 * Refuses with 422 and every problem found, each message translated from
 * validator.shared.messages.project.<rule>.
 */
export function refuse(problems: FieldProblem[], i18n: I18n): never {
  throw new vineErrors.E_VALIDATION_ERROR(
    problems.map((problem) => ({
      field: problem.field,
      rule: `project.${problem.rule}`,
      message: i18n.t(`validator.shared.messages.project.${problem.rule}`, problem.data ?? {}),
    }))
  )
}

/** A quote must lie within [floor, ceiling]: 422 naming the bound otherwise. */
export function ensureQuoteWithinBounds(project: Project, quoteFen: number, i18n: I18n) {
  if (quoteFen > project.ceilingPriceFen) {
    refuse(
      [{ field: 'quoteFen', rule: 'quoteOverCeiling', data: { ceiling: project.ceilingPriceFen } }],
      i18n
    )
  }
  if (project.floorPriceFen !== null && quoteFen < project.floorPriceFen) {
    refuse(
      [{ field: 'quoteFen', rule: 'quoteUnderFloor', data: { floor: project.floorPriceFen } }],
      i18n
    )
  }
}

/** The agency may take part in the project now, or 403 naming the condition that failed. */
export async function ensureEligible(
  project: Project,
  organizationId: number,
  client?: QueryClientContract
) {
  const reason = ineligibilityReason(await eligibilityFactsFor(project, organizationId, client))
  if (reason) throw new IneligibleException(reason)
}
