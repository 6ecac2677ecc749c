/*
 * Whether an agency may take part in a project's selection (SPEC "Eligibility",
 * checked at sign-up and again at opening): active, offers the item, holds the
 * qualification the item legally requires (valid at the deadline), not banned
 * (itself or a named manager), credit grade at least the project's minimum,
 * no person shared with the owner (conflict of interest), not affiliated with
 * the department approving the item (红顶中介) and naming no serving official
 * (在职公职人员不得兼职). A refusal names
 * the first condition that failed. Pure: the caller gathers the facts.
 */
import { CREDIT_GRADES, type CreditGrade } from '#domain/credit'
import type { TeamIneligibility } from '#domain/named_team'
import { holdingLabel, satisfies, type QualificationRequirement } from '#domain/qualification_types'

export type EligibilityFacts = {
  agencyStatus: 'active' | 'withdrawn'
  offersItem: boolean
  /** The qualification the item requires (its name), or null when the law requires none. */
  requiredQualification: string | null
  /**
   * The requirement on the closed list (type and minimum level); when given,
   * holdings are matched by type and level, a higher level satisfying a lower
   * requirement. Without it (text from before the list) by exact name.
   */
  qualificationRequirement?: QualificationRequirement | null
  /** The agency's qualifications: type, validity end (YYYY-MM-DD) and spot-check status. */
  qualifications: {
    type: string
    /** The type and level on the list, when the holding is on it. */
    typeCode?: string | null
    levelCode?: string | null
    validUntil: string
    status: 'unverified' | 'verified' | 'false'
  }[]
  /** Deadline day (YYYY-MM-DD) at which qualifications must still be valid. */
  deadlineDay: string
  agencyBanned: boolean
  bannedManagerNames: string[]
  /** 联合惩戒: the imported lists that bar the agency from signing up (by name, with their source). */
  jointPunishments?: string[]
  grade: CreditGrade
  minimumGrade: CreditGrade | null
  sharedPersonNames: string[]
  /**
   * 红顶中介: how the agency is tied to the department approving the item
   * (app/domain/affiliations.ts), or null when it is not.
   */
  affiliation: { department: string; via: 'self' | 'sponsor' | 'shareholder'; name: string } | null
  /** A person the agency names is on the list of serving officials (never shown which). */
  servingOfficial: boolean
  /**
   * The person qualification the item requires of a response's lead, read with
   * these facts for the named team (app/domain/named_team.ts); not judged here.
   */
  leadQualification?: { code: string; level: string | null } | null
}

export type IneligibilityReason =
  | { code: 'not_active' }
  | { code: 'item_not_offered' }
  | { code: 'qualification_missing'; qualification: string }
  | { code: 'qualification_level_too_low'; qualification: string; held: string }
  | { code: 'agency_banned' }
  | { code: 'manager_banned'; names: string[] }
  | { code: 'jointly_punished'; lists: string }
  | { code: 'grade_too_low'; grade: CreditGrade; minimum: CreditGrade }
  | { code: 'conflict_of_interest'; names: string[] }
  | {
      code: 'affiliated'
      department: string
      via: 'self' | 'sponsor' | 'shareholder'
      name: string
    }
  | { code: 'serving_official' }
  // The named lead and team (app/domain/named_team.ts), judged beside these.
  | TeamIneligibility

export function ineligibilityReason(facts: EligibilityFacts): IneligibilityReason | null {
  if (facts.agencyStatus !== 'active') return { code: 'not_active' }
  // Before the offer: an affiliated agency's listing is suspended, and the rule is the reason.
  if (facts.affiliation) return { code: 'affiliated', ...facts.affiliation }
  if (facts.servingOfficial) return { code: 'serving_official' }
  if (!facts.offersItem) return { code: 'item_not_offered' }
  const required = facts.qualificationRequirement
  if (required) {
    const valid = facts.qualifications.filter(
      (qualification) =>
        qualification.typeCode === required.type &&
        qualification.status !== 'false' &&
        qualification.validUntil >= facts.deadlineDay
    )
    const label = facts.requiredQualification ?? required.type
    if (valid.length === 0) return { code: 'qualification_missing', qualification: label }
    const met = valid.some((qualification) =>
      satisfies({ type: qualification.typeCode!, level: qualification.levelCode ?? null }, required)
    )
    if (!met) {
      const held = valid
        .map((qualification) =>
          holdingLabel({ type: qualification.typeCode!, level: qualification.levelCode ?? null })
        )
        .join('、')
      return { code: 'qualification_level_too_low', qualification: label, held }
    }
  } else if (facts.requiredQualification) {
    const held = facts.qualifications.some(
      (qualification) =>
        qualification.type === facts.requiredQualification &&
        qualification.status !== 'false' &&
        qualification.validUntil >= facts.deadlineDay
    )
    if (!held) return { code: 'qualification_missing', qualification: facts.requiredQualification }
  }
  if (facts.agencyBanned) return { code: 'agency_banned' }
  if (facts.bannedManagerNames.length > 0)
    return { code: 'manager_banned', names: facts.bannedManagerNames }
  if (facts.jointPunishments && facts.jointPunishments.length > 0) {
    return { code: 'jointly_punished', lists: facts.jointPunishments.join('；') }
  }
  // Grade D never takes part (SPEC "Credit"), whatever the project's minimum.
  const minimum = facts.minimumGrade ?? 'C'
  if (gradeRank(facts.grade) > gradeRank(minimum === 'D' ? 'C' : minimum)) {
    return { code: 'grade_too_low', grade: facts.grade, minimum: minimum === 'D' ? 'C' : minimum }
  }
  if (facts.sharedPersonNames.length > 0) {
    return { code: 'conflict_of_interest', names: facts.sharedPersonNames }
  }
  return null
}

/** A is best (0), D worst (3). */
function gradeRank(grade: CreditGrade) {
  return CREDIT_GRADES.indexOf(grade)
}
