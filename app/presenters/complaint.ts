import { isoInstant } from '#domain/time_zone'
import type Complaint from '#models/complaint'
import { isPastLimit } from '#domain/complaints'

/** What a complaint is about: names anyone may see (agencies, owners and projects are public). */
function subjectsOf(complaint: Complaint) {
  return {
    agency: complaint.agency ? { id: complaint.agency.id, name: complaint.agency.name } : null,
    owner: complaint.owner ? { id: complaint.owner.id, name: complaint.owner.name } : null,
    project: complaint.project
      ? { id: complaint.project.id, code: complaint.project.code, title: complaint.project.title }
      : null,
  }
}

function timesOf(complaint: Complaint, now: Date) {
  return {
    filedAt: isoInstant(complaint.filedAt)!,
    dueAt: isoInstant(complaint.dueAt)!,
    overdue: isPastLimit(
      {
        state: complaint.state,
        dueAt: complaint.dueAt.toJSDate(),
        overdueAt: complaint.overdueAt?.toJSDate() ?? null,
      },
      now
    ),
    answeredAt: isoInstant(complaint.answeredAt),
  }
}

/** The whole complaint, for regulators: text, complainant and contact, evidence, assignee. */
export function presentComplaintForRegulator(complaint: Complaint, now: Date) {
  return {
    id: complaint.id,
    state: complaint.state,
    category: complaint.category,
    text: complaint.text,
    ...subjectsOf(complaint),
    complainant: {
      kind: complaint.complainantKind,
      organization: complaint.complainantOrganization
        ? {
            id: complaint.complainantOrganization.id,
            name: complaint.complainantOrganization.name,
          }
        : null,
      userId: complaint.complainantUserId,
      contactName: complaint.contactName,
      contactPhone: complaint.contactPhone,
      contactEmail: complaint.contactEmail,
    },
    ...timesOf(complaint, now),
    remindAt: isoInstant(complaint.remindAt),
    assignee: complaint.assignee
      ? { id: complaint.assignee.id, name: complaint.assignee.fullName }
      : null,
    assignedAt: isoInstant(complaint.assignedAt),
    outcome: complaint.outcome,
    decision: complaint.decision,
    public: complaint.outcomePublic,
    creditEventId: complaint.creditEventId,
    files: (complaint.files ?? []).map((file) => ({
      id: file.id,
      name: file.fileName,
      mime: file.fileMime,
      size: file.fileSize,
    })),
  }
}

/**
 * What the holder of the tracking code sees: the state, the limit and the
 * answer — nobody's identity, not even the assignee's.
 */
export function presentTrackedComplaint(complaint: Complaint, now: Date) {
  return {
    state: complaint.state,
    category: complaint.category,
    ...subjectsOf(complaint),
    ...timesOf(complaint, now),
    outcome: complaint.outcome,
    decision: complaint.decision,
    public: complaint.outcomePublic,
  }
}

/** A published outcome: never the complainant, never the complaint's own text. */
export function presentPublicOutcome(complaint: Complaint) {
  return {
    id: complaint.id,
    category: complaint.category,
    ...subjectsOf(complaint),
    filedAt: isoInstant(complaint.filedAt)!,
    answeredAt: isoInstant(complaint.answeredAt),
    outcome: complaint.outcome,
    decision: complaint.decision,
  }
}
