/*
 * Named practitioners answer for their work (项目负责人): a response names its
 * project lead and team from the agency's practitioners. The response is
 * ineligible — at sign-up, again at opening and again at signing — when the
 * item requires a qualification and no lead is named, when a named person is
 * no longer named by the agency, is banned from the market (a person ban is
 * keyed by the ID-number hash, so it follows the person from agency to
 * agency), is on the regulators' list of serving officials (政府机关在职工作人员
 * 不得兼职: the generic serving_official reason, naming neither the person nor
 * the list; regulators see the match on their integrity page), is also named
 * by the owner (回避), or does not hold the person qualification (执业资格,
 * app/domain/person_qualifications.ts) the item requires — at its level or
 * higher, valid on the deadline day. A consortium member's persons are judged
 * the same way, against the qualification of the member's own sub-item. A
 * refusal names the first condition that failed and the persons it concerns.
 * Pure: the caller gathers the facts.
 */
import {
  personQualificationLabel,
  personSatisfies,
  type PersonQualificationRef,
} from '#domain/person_qualifications'

export const TEAM_ROLES = ['lead', 'member'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]

/** The most persons a response names, the lead included. */
export const MAX_TEAM_SIZE = 20

export type TeamPerson = {
  name: string
  role: TeamRole
  /** The agency still names the person (the practitioner was not removed since). */
  stillNamed: boolean
  /** The person's qualification (a code of the closed list, its level) and last valid day (YYYY-MM-DD). */
  qualificationCode: string | null
  qualificationLevel: string | null
  qualificationValidUntil: string | null
  /** A person ban in force matches the person's ID-number hash, under any agency. */
  banned: boolean
  /** The person's ID-number hash is on the list of serving officials in force. */
  servingOfficial: boolean
  /** The owner of the project names the same person (same ID-number hash). */
  conflicted: boolean
  /**
   * A consortium member's person: the qualification of the member's own
   * sub-item (null: it requires none). Absent: the item's, as for the lead agency.
   */
  requiredQualification?: PersonQualificationRef | null
}

export type TeamFacts = {
  /** The person qualification the item requires of the lead, or null when the law requires none. */
  requiredQualification: PersonQualificationRef | null
  /** Deadline day (YYYY-MM-DD) at which the qualifications must still be valid. */
  deadlineDay: string
  persons: TeamPerson[]
}

export type TeamIneligibility =
  | { code: 'lead_missing'; qualification: string }
  | { code: 'practitioner_not_named'; names: string[] }
  | { code: 'practitioner_banned'; names: string[] }
  // The agency-level reason, generic on purpose: neither the person nor the list is revealed.
  | { code: 'serving_official' }
  | { code: 'practitioner_conflicted'; names: string[] }
  | { code: 'practitioner_unqualified'; names: string[]; qualification: string }

export const TEAM_INELIGIBILITY_CODES = [
  'lead_missing',
  'practitioner_not_named',
  'practitioner_banned',
  'serving_official',
  'practitioner_conflicted',
  'practitioner_unqualified',
] as const

/** Whether a person holds the qualification (at its level or higher), valid on the deadline day. */
export function holdsQualification(
  person: Pick<TeamPerson, 'qualificationCode' | 'qualificationLevel' | 'qualificationValidUntil'>,
  required: PersonQualificationRef,
  deadlineDay: string
) {
  return (
    personSatisfies(
      { code: person.qualificationCode, level: person.qualificationLevel },
      required
    ) &&
    person.qualificationValidUntil !== null &&
    person.qualificationValidUntil >= deadlineDay
  )
}

/** The requirement in words, for a refusal: 注册造价工程师（二级及以上）. */
export function requirementWords(required: PersonQualificationRef) {
  return personQualificationLabel(required, 'zh-CN', true) || required.code
}

export function teamIneligibility(facts: TeamFacts): TeamIneligibility | null {
  const required = facts.requiredQualification
  if (required && !facts.persons.some((person) => person.role === 'lead')) {
    return { code: 'lead_missing', qualification: requirementWords(required) }
  }
  const names = (failing: (person: TeamPerson) => boolean) =>
    facts.persons.filter(failing).map((person) => person.name)
  const gone = names((person) => !person.stillNamed)
  if (gone.length > 0) return { code: 'practitioner_not_named', names: gone }
  const banned = names((person) => person.banned)
  if (banned.length > 0) return { code: 'practitioner_banned', names: banned }
  if (facts.persons.some((person) => person.servingOfficial)) {
    return { code: 'serving_official' }
  }
  const conflicted = names((person) => person.conflicted)
  if (conflicted.length > 0) return { code: 'practitioner_conflicted', names: conflicted }
  const requirementOf = (person: TeamPerson) =>
    person.requiredQualification === undefined ? required : person.requiredQualification
  const unqualified = facts.persons.filter((person) => {
    const own = requirementOf(person)
    return own !== null && !holdsQualification(person, own, facts.deadlineDay)
  })
  if (unqualified.length > 0) {
    // Named under the first failed requirement (a consortium member's sub-item may require another).
    const first = requirementOf(unqualified[0])!
    const same = unqualified.filter((person) => {
      const own = requirementOf(person)!
      return own.code === first.code && own.level === first.level
    })
    return {
      code: 'practitioner_unqualified',
      names: same.map((person) => person.name),
      qualification: requirementWords(first),
    }
  }
  return null
}
