import { gradeForScore } from '#domain/credit'
import { gradeCutoffsShown } from '#services/market_rules'
import type { creditEventsOf } from '#services/credit_ledger'
import type { evaluationsReceived } from '#queries/service_delivery'
import { isoInstant } from '#domain/time_zone'
import type { DirectoryRow } from '#queries/agency_directory'
import type Organization from '#models/organization'
import type AgencyProfile from '#models/agency_profile'
import type Qualification from '#models/qualification'
import type Practitioner from '#models/practitioner'
import type ServiceItem from '#models/service_item'

/** A score and its grade (the events behind it come with the profile). */
function presentCredit(score: number) {
  return { score, grade: gradeForScore(score, gradeCutoffsShown()) }
}

/** An agency in directory lists (API.md: id, name, uscc, region, items, credit, banned). */
export function presentDirectoryRow(row: DirectoryRow) {
  const credit = presentCredit(row.creditScore)
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    region: row.regionCode,
    items: row.items.map((item) => item.code),
    credit,
    banned: row.banned,
  }
}

export function presentQualification(qualification: Qualification, withFile: boolean) {
  return {
    id: qualification.id,
    type: qualification.type,
    level: qualification.level,
    certificateNo: qualification.certificateNo,
    issuer: qualification.issuer,
    validUntil: qualification.validUntil.toISODate(),
    status: qualification.status,
    hasFile: Boolean(qualification.fileKey),
    ...(withFile && qualification.fileKey
      ? {
          file: {
            name: qualification.fileName,
            mime: qualification.fileMime,
            size: qualification.fileSize,
          },
        }
      : {}),
  }
}

/** Names and roles only: the ID-card hash never leaves the server. */
export function presentPractitioner(practitioner: Practitioner) {
  return {
    id: practitioner.id,
    name: practitioner.name,
    role: practitioner.role,
    certificateNo: practitioner.certificateNo,
    qualificationType: practitioner.qualificationType,
    qualificationCode: practitioner.qualificationCode,
    qualificationLevel: practitioner.qualificationLevel,
    qualificationValidUntil: practitioner.qualificationValidUntil?.toISODate() ?? null,
  }
}

/** The public profile of an agency (API.md: profile with credit, qualifications, evaluations summary). */
export function presentAgencyProfile(
  organization: Organization,
  profile: AgencyProfile,
  details: {
    items: ServiceItem[]
    qualifications: Qualification[]
    practitioners: Practitioner[]
    showFiles: boolean
    creditEvents?: Awaited<ReturnType<typeof creditEventsOf>>
    evaluations?: Awaited<ReturnType<typeof evaluationsReceived>>['summary']
    banned?: boolean
    /** 联合惩戒: the lists the agency is on, with source, date, legal basis and measure. */
    jointPunishments?: unknown[]
    /** 年度综合信用评价 of the current year, with its breakdown. */
    annualEvaluation?: unknown
    /** Events that count in the score but are not published: how many, and their points. */
    unpublishedCredit?: { count: number; points: number }
  }
) {
  return {
    id: organization.id,
    name: organization.name,
    uscc: organization.uscc,
    region: organization.regionCode,
    status: profile.status,
    listed: profile.isListed,
    listedAt: isoInstant(profile.listedAt),
    description: profile.description,
    commitments: {
      time: profile.commitmentTime,
      fee: profile.commitmentFee,
      quality: profile.commitmentQuality,
    },
    contact: {
      name: organization.contactName,
      phone: organization.phone,
      email: organization.email,
    },
    items: details.items.map((item) => ({ code: item.code, name: item.name })),
    qualifications: details.qualifications.map((q) => presentQualification(q, details.showFiles)),
    practitioners: details.practitioners.map(presentPractitioner),
    credit: {
      ...presentCredit(profile.creditScore),
      events: (details.creditEvents ?? []).map((event) => ({
        ...event,
        occurredAt: isoInstant(event.occurredAt),
        expiresAt: isoInstant(event.expiresAt),
        repairableFrom: isoInstant(event.repairableFrom),
        publicationEndsAt: isoInstant(event.publicationEndsAt),
      })),
      unpublished: details.unpublishedCredit ?? { count: 0, points: 0 },
    },
    evaluations: presentEvaluationSummary(details.evaluations),

    banned: details.banned ?? false,
    jointPunishments: details.jointPunishments ?? [],
    annualEvaluation: details.annualEvaluation ?? null,
  }
}

/**
 * How the agency was rated (the same numbers its page shows): how many
 * evaluations, how many with a rating of 2 or less, the mean per dimension
 * and `average`, the mean of those means.
 */
function presentEvaluationSummary(
  summary: Awaited<ReturnType<typeof evaluationsReceived>>['summary'] | undefined
) {
  if (!summary || summary.count === 0) return { count: 0, bad: 0, average: null, dimensions: {} }
  const { count, bad, ...dimensions } = summary
  const means = Object.values(dimensions).filter((value): value is number => value !== null)
  const average = means.length
    ? Math.round((means.reduce((sum, value) => sum + value, 0) / means.length) * 100) / 100
    : null
  return { count, bad, average, dimensions }
}
