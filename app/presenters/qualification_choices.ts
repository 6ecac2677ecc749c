import {
  PERSON_QUALIFICATIONS,
  PERSON_QUALIFICATION_LEVEL_CODES,
} from '#domain/person_qualifications'
import { QUALIFICATION_LEVEL_CODES, QUALIFICATION_TYPES } from '#domain/qualification_types'

/** The closed list of qualification types as select options, in the reader's language. */
export function qualificationTypeChoices(locale: string) {
  const english = locale.startsWith('en')
  return QUALIFICATION_TYPES.map((type) => ({
    value: type.code,
    label: english ? type.nameEn : type.name,
  }))
}

/** Every level code; one code may read differently by type (一级 / 一类): both names are shown. */
export function qualificationLevelChoices(locale: string) {
  const english = locale.startsWith('en')
  return QUALIFICATION_LEVEL_CODES.map((code) => ({
    value: code,
    label: [
      ...new Set(
        QUALIFICATION_TYPES.flatMap((type) => type.levels)
          .filter((level) => level.code === code)
          .map((level) => (english ? level.nameEn : level.name))
      ),
    ].join(' / '),
  }))
}

/** The closed list of person qualifications (执业资格) as select options, in the reader's language. */
export function personQualificationChoices(locale: string) {
  const english = locale.startsWith('en')
  return PERSON_QUALIFICATIONS.map((entry) => ({
    value: entry.code,
    label: english ? entry.nameEn : entry.name,
  }))
}

/** Every person-qualification level code (一级, 二级, 三级). */
export function personLevelChoices(locale: string) {
  const english = locale.startsWith('en')
  return PERSON_QUALIFICATION_LEVEL_CODES.map((code) => {
    const level = PERSON_QUALIFICATIONS.flatMap((entry) => entry.levels).find(
      (candidate) => candidate.code === code
    )!
    return { value: code, label: english ? level.nameEn : level.name }
  })
}
