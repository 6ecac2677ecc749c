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
