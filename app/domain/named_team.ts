/*
 * Named practitioners answer for their work (项目负责人): a response names its
 * project lead and team from the agency's practitioners. The response is
 * ineligible — at sign-up, again at opening and again at signing — when the
 * item requires a qualification and no lead is named, when a named person is
 * no longer named by the agency, is banned from the market (a person ban is
 * keyed by the ID-number hash, so it follows the person from agency to
 * agency), is also named by the owner (回避), or does not hold the
 * qualification the item requires, valid on the deadline day. A refusal names
 * the first condition that failed and the persons it concerns. Pure: the
 * caller gathers the facts.
 */

export const TEAM_ROLES = ['lead', 'member'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]

/** The most persons a response names, the lead included. */
export const MAX_TEAM_SIZE = 20

export type TeamPerson = {
  name: string
  role: TeamRole
  /** The agency still names the person (the practitioner was not removed since). */
  stillNamed: boolean
  /** The person's qualification type and its last valid day (YYYY-MM-DD), if any. */
  qualificationType: string | null
  qualificationValidUntil: string | null
  /** A person ban in force matches the person's ID-number hash, under any agency. */
  banned: boolean
  /** The owner of the project names the same person (same ID-number hash). */
  conflicted: boolean
}

export type TeamFacts = {
  /** The qualification the item requires, or null when the law requires none. */
  requiredQualification: string | null
  /** Deadline day (YYYY-MM-DD) at which the qualifications must still be valid. */
  deadlineDay: string
  persons: TeamPerson[]
}

export type TeamIneligibility =
  | { code: 'lead_missing'; qualification: string }
  | { code: 'practitioner_not_named'; names: string[] }
  | { code: 'practitioner_banned'; names: string[] }
  | { code: 'practitioner_conflicted'; names: string[] }
  | { code: 'practitioner_unqualified'; names: string[]; qualification: string }

export const TEAM_INELIGIBILITY_CODES = [
  'lead_missing',
  'practitioner_not_named',
  'practitioner_banned',
  'practitioner_conflicted',
  'practitioner_unqualified',
] as const

/** Whether a person holds the qualification, valid on the deadline day. */
export function holdsQualification(
  person: Pick<TeamPerson, 'qualificationType' | 'qualificationValidUntil'>,
  required: string,
  deadlineDay: string
) {
  return (
    person.qualificationType === required &&
    person.qualificationValidUntil !== null &&
    person.qualificationValidUntil >= deadlineDay
  )
}

export function teamIneligibility(facts: TeamFacts): TeamIneligibility | null {
  const required = facts.requiredQualification
  if (required && !facts.persons.some((person) => person.role === 'lead')) {
    return { code: 'lead_missing', qualification: required }
  }
  const names = (failing: (person: TeamPerson) => boolean) =>
    facts.persons.filter(failing).map((person) => person.name)
  const gone = names((person) => !person.stillNamed)
  if (gone.length > 0) return { code: 'practitioner_not_named', names: gone }
  const banned = names((person) => person.banned)
  if (banned.length > 0) return { code: 'practitioner_banned', names: banned }
  const conflicted = names((person) => person.conflicted)
  if (conflicted.length > 0) return { code: 'practitioner_conflicted', names: conflicted }
  if (required) {
    const unqualified = names((person) => !holdsQualification(person, required, facts.deadlineDay))
    if (unqualified.length > 0) {
      return { code: 'practitioner_unqualified', names: unqualified, qualification: required }
    }
  }
  return null
}
