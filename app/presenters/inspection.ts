import type { PresentedPlan } from '#queries/inspections'

/**
 * An inspection plan as the public sees it (page and API): evidence files
 * stay with staff and the inspected agency, the public sees how many there are.
 */
export function publicPlan(plan: PresentedPlan) {
  return {
    ...plan,
    agencies: plan.agencies.map(({ files, ...target }) => ({ ...target, fileCount: files.length })),
  }
}
