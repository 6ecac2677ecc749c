import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type Project from '#models/project'
import IneligibleException from '#exceptions/ineligible_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { ineligibilityReason } from '#domain/eligibility'
import { eligibilityFactsFor } from '#queries/eligibility_facts'
import { formatFen } from '#domain/money'

export type FieldProblem = { field: string; rule: string; data?: Record<string, unknown> }

/**
 * Refuses with 422 and every problem found, each at its field, the message
 * from validator.shared.messages.project.<rule> (translated by the handler).
 */
export function refuse(problems: FieldProblem[]): never {
  refuseInput(
    problems.map((problem) => ({
      field: problem.field,
      rule: `project.${problem.rule}`,
      identifier: `validator.shared.messages.project.${problem.rule}`,
      data: problem.data,
    }))
  )
}

/** A quote must lie within [floor, ceiling]: 422 naming the bound otherwise. */
export function ensureQuoteWithinBounds(project: Project, quoteFen: number) {
  if (quoteFen > project.ceilingPriceFen) {
    refuse([
      {
        field: 'quoteFen',
        rule: 'quoteOverCeiling',
        data: { ceiling: project.ceilingPriceFen, ceilingYuan: formatFen(project.ceilingPriceFen) },
      },
    ])
  }
  if (project.floorPriceFen !== null && quoteFen < project.floorPriceFen) {
    refuse([
      {
        field: 'quoteFen',
        rule: 'quoteUnderFloor',
        data: { floor: project.floorPriceFen, floorYuan: formatFen(project.floorPriceFen) },
      },
    ])
  }
}

/**
 * The agency may take part in the project now, or 403 naming the condition that failed.
 * Answers the facts judged (the bid reuses the item's required qualification from them),
 * with what the caller asked to read in the same statement (eligibilityFactsFor).
 */
export async function ensureEligible<Also extends string = never>(
  project: Project,
  organizationId: number,
  client?: QueryClientContract,
  alsoRead?: Record<Also, DatabaseQueryBuilderContract>
) {
  const facts = await eligibilityFactsFor(project, organizationId, client, alsoRead)
  const reason = ineligibilityReason(facts)
  if (reason) throw new IneligibleException(reason)
  return facts
}
