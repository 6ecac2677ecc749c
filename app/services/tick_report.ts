import logger from '@adonisjs/core/services/logger'

/*
 * What one run of the market's scheduler did, wing by wing: each wing of the
 * market (selection, contracts, delivery, alerts, complaints, credit) owns
 * its step and counts its transitions here.
 */
export type TickReport = {
  opened: number
  failed: number
  directExpired: number
  justificationsClosed: number
  ownerDecisionsLapsed: number
  awarded: number
  contractsExpired: number
  servicesOverdue: number
  evaluationsDefaulted: number
  projectsClosed: number
  alertDigests: number
  /** Complaints (投诉) whose assignee was reminded before the response limit. */
  complaintsReminded: number
  /** Complaints past the response limit without an answer: marked once and escalated. */
  complaintsOverdue: number
  /** Credit appeals and repair applications past their decision limit: marked once, regulators told. */
  creditAppealsOverdue: number
  /** Objections (质疑) past their response limit undecided: marked once, regulators told; the award waits. */
  objectionsOverdue: number
  /** Terminations whose contest window closed unanswered: settled, refunds asked. */
  terminationsSettled: number
  /** Contested terminations past their decision limit undecided: marked once, regulators told. */
  terminationsOverdue: number
  /** Closed project rounds whose electronic archive was sealed. */
  archivesSealed: number
  /** Steps that threw: logged, rolled back, tried again at the next tick. */
  errors: number
}

export function emptyTickReport(): TickReport {
  return {
    opened: 0,
    failed: 0,
    directExpired: 0,
    justificationsClosed: 0,
    ownerDecisionsLapsed: 0,
    awarded: 0,
    contractsExpired: 0,
    servicesOverdue: 0,
    evaluationsDefaulted: 0,
    projectsClosed: 0,
    alertDigests: 0,
    complaintsReminded: 0,
    complaintsOverdue: 0,
    creditAppealsOverdue: 0,
    objectionsOverdue: 0,
    terminationsSettled: 0,
    terminationsOverdue: 0,
    archivesSealed: 0,
    errors: 0,
  }
}

export type TickSubject = {
  projectId?: number
  contractId?: number
  complaintId?: number
  appealId?: number
  objectionId?: number
  terminationId?: number
}

/**
 * Runs one project's step; a failure rolls back that step only and is logged,
 * so one broken project never holds up the others.
 */
export async function attempt<T>(
  step: string,
  subject: TickSubject,
  report: TickReport,
  run: () => Promise<T>
) {
  try {
    return await run()
  } catch (error) {
    report.errors += 1
    logger.error({ err: error, ...subject, step }, 'market tick step failed')
    return null
  }
}
