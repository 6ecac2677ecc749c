import type Project from '#models/project'

/** A project in API answers. Quotes and the draw seed never appear before opening. */
export function presentProject(project: Project, responseCount = 0) {
  return {
    id: project.id,
    code: project.code,
    status: project.status,
    title: project.title,
    serviceItemId: project.serviceItemId,
    serviceItemVersion: project.serviceItemVersion,
    description: project.description,
    deliverables: project.deliverables,
    location: project.location,
    region: project.regionCode,
    investmentProjectCode: project.investmentProjectCode,
    fundingSource: project.fundingSource,
    ceilingPriceFen: project.ceilingPriceFen,
    floorPriceFen: project.floorPriceFen,
    method: project.method,
    deadline: project.responseDeadline.toISO(),
    minCreditGrade: project.minCreditGrade,
    timeLimitWorkingDays: project.timeLimitWorkingDays,
    weights: project.weights ? JSON.parse(project.weights) : null,
    directAgencyId: project.directAgencyId,
    rulesetVersion: project.rulesetVersion,
    drawCommitment: project.drawCommitment,
    publishedAt: project.publishedAt?.toISO() ?? null,
    cancelReason: project.cancelReason,
    // Before opening only the number of responses is public, never a quote.
    responseCount,
  }
}
