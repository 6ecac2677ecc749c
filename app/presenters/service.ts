import { isoInstant } from '#domain/time_zone'
import type Contract from '#models/contract'
import type Deliverable from '#models/deliverable'
import type Evaluation from '#models/evaluation'
import type { serviceClockOf, pausesOf } from '#queries/service_delivery'
import type { contractHistory } from '#queries/contracts'

/** An evaluation in API answers: the ratings given, the comment and the reply. */
export function presentEvaluation(evaluation: Evaluation) {
  const ratings =
    evaluation.direction === 'of_agency'
      ? {
          quality: evaluation.quality,
          timeliness: evaluation.timeliness,
          attitude: evaluation.attitude,
          feeCompliance: evaluation.feeCompliance,
        }
      : { cooperation: evaluation.cooperation, paymentTimeliness: evaluation.paymentTimeliness }
  return {
    id: evaluation.id,
    contractId: evaluation.contractId,
    direction: evaluation.direction,
    origin: evaluation.origin,
    raterOrganizationId: evaluation.raterOrganizationId,
    ratedOrganizationId: evaluation.ratedOrganizationId,
    ...ratings,
    comment: evaluation.comment,
    // False for a rating between related parties (自我交易): shown, but no credit.
    countsForCredit: evaluation.creditWithheldReason === null,
    reply: evaluation.reply,
    repliedAt: isoInstant(evaluation.repliedAt),
    createdAt: isoInstant(evaluation.createdAt),
  }
}

export function presentDeliverable(deliverable: Deliverable) {
  return {
    id: deliverable.id,
    round: deliverable.round,
    summary: deliverable.summary,
    status: deliverable.status,
    returnReason: deliverable.returnReason,
    // 项目负责人 who signs off the submission (null when the response named nobody).
    leadName: deliverable.leadName,
    submittedAt: isoInstant(deliverable.submittedAt),
    decidedAt: isoInstant(deliverable.decidedAt),
    files: (deliverable.files ?? []).map((file) => ({
      id: file.id,
      name: file.fileName,
      mime: file.fileMime,
      size: file.fileSize,
    })),
  }
}

/** GET /api/v1/contracts/:id/service: the clock, the deliverables, evaluations and the execution log. */
export function presentService(
  contract: Contract,
  projectStatus: string,
  clock: Awaited<ReturnType<typeof serviceClockOf>>,
  deliverables: Deliverable[],
  pauses: Awaited<ReturnType<typeof pausesOf>>,
  evaluations: { ofAgency: Evaluation | null; ofOwner: Evaluation | null },
  log: Awaited<ReturnType<typeof contractHistory>>
) {
  return {
    contractId: contract.id,
    projectId: contract.projectId,
    projectStatus,
    clock: clock && {
      startedAt: isoInstant(clock.startedAt),
      dueAt: isoInstant(clock.dueAt),
      provisional: clock.provisional,
      timeLimitWorkingDays: clock.timeLimitWorkingDays,
      stoppedWorkingDays: clock.stoppedWorkingDays,
      remainingWorkingDays: clock.remainingWorkingDays,
      paused: clock.paused && {
        since: isoInstant(clock.paused.since),
        reason: clock.paused.reason,
      },
      overdueAt: isoInstant(clock.overdueAt),
    },
    pauses,
    deliverables: deliverables.map(presentDeliverable),
    acceptedAt: isoInstant(contract.acceptedAt),
    evaluationDueAt: isoInstant(contract.evaluationDueAt),
    approval: contract.approvalOutcome
      ? {
          outcome: contract.approvalOutcome,
          corrections: contract.approvalCorrections,
          recordedAt: isoInstant(contract.approvalRecordedAt),
          // 服务双评价: the department's rating of the report, when it gave one.
          departmentRating:
            contract.departmentQuality === null
              ? null
              : { quality: contract.departmentQuality, timeliness: contract.departmentTimeliness },
        }
      : null,
    evaluations: {
      ofAgency: evaluations.ofAgency && presentEvaluation(evaluations.ofAgency),
      ofOwner: evaluations.ofOwner && presentEvaluation(evaluations.ofOwner),
    },
    executionLog: log,
  }
}
