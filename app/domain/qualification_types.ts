/*
 * The closed list of qualification types (资质类型) an item may require and an
 * agency may hold, each with its levels in order, highest first (甲级 above
 * 乙级, 一级 above 二级). A requirement is met by a qualification of the same
 * type at the required level or higher; a type without levels is met by any
 * holding of it. Free text from before the list is mapped onto it by name
 * (legacyQualification); text the list does not know stays as it was and is
 * matched only by its exact words. Pure: worked examples in
 * tests/unit/qualification_types.spec.ts.
 */
export type QualificationLevel = { code: string; name: string; nameEn: string }
export type QualificationType = {
  code: string
  name: string
  nameEn: string
  /** Other names the same qualification was registered under before the list. */
  aliases: string[]
  /** Highest first. Empty: the qualification has no levels. */
  levels: QualificationLevel[]
}

const A = { code: 'a', name: '甲级', nameEn: 'Grade A' }
const B = { code: 'b', name: '乙级', nameEn: 'Grade B' }
const COMPREHENSIVE = { code: 'comprehensive', name: '综合', nameEn: 'Comprehensive' }
const CLASS_1 = { code: 'class_1', name: '一级', nameEn: 'Class 1' }
const CLASS_2 = { code: 'class_2', name: '二级', nameEn: 'Class 2' }
const CLASS_3 = { code: 'class_3', name: '三级', nameEn: 'Class 3' }

export const QUALIFICATION_TYPES: readonly QualificationType[] = [
  {
    code: 'surveying',
    name: '测绘资质',
    nameEn: 'Surveying and mapping',
    aliases: ['测绘资质', '测绘'],
    levels: [A, B],
  },
  {
    code: 'geohazard_assessment',
    name: '地质灾害防治单位资质（评估类）',
    nameEn: 'Geological hazard prevention (assessment)',
    aliases: ['地质灾害危险性评估', '地质灾害防治', '地质灾害'],
    levels: [A, B],
  },
  {
    code: 'safety_evaluation',
    name: '安全评价机构资质',
    nameEn: 'Safety evaluation',
    aliases: ['安全评价'],
    levels: [A, B],
  },
  {
    code: 'occupational_health',
    name: '职业卫生技术服务机构资质',
    nameEn: 'Occupational health technical services',
    aliases: ['职业卫生', '职业病危害'],
    levels: [A, B],
  },
  {
    code: 'drawing_review',
    name: '施工图审查机构认定',
    nameEn: 'Construction drawing review',
    aliases: ['施工图审查'],
    levels: [
      { code: 'class_1', name: '一类', nameEn: 'Class 1' },
      { code: 'class_2', name: '二类', nameEn: 'Class 2' },
    ],
  },
  {
    code: 'real_estate_appraisal',
    name: '房地产估价机构备案',
    nameEn: 'Real estate appraisal',
    aliases: ['房地产估价'],
    levels: [CLASS_1, CLASS_2, CLASS_3],
  },
  {
    code: 'lightning_protection',
    name: '雷电防护装置检测资质',
    nameEn: 'Lightning protection inspection',
    aliases: ['雷电防护', '防雷'],
    levels: [A, B],
  },
  {
    code: 'archaeology',
    name: '考古发掘资质',
    nameEn: 'Archaeological excavation',
    aliases: ['考古'],
    levels: [],
  },
  {
    code: 'engineering_consulting',
    name: '工程咨询单位资信',
    nameEn: 'Engineering consulting credentials',
    aliases: ['工程咨询'],
    levels: [A, B],
  },
  {
    code: 'geotechnical_investigation',
    name: '工程勘察资质',
    nameEn: 'Geotechnical investigation',
    aliases: ['工程勘察', '勘察'],
    levels: [COMPREHENSIVE, A, B],
  },
  {
    code: 'engineering_design',
    name: '工程设计资质',
    nameEn: 'Engineering design',
    aliases: ['工程设计'],
    levels: [COMPREHENSIVE, A, B],
  },
]

export const QUALIFICATION_TYPE_CODES = QUALIFICATION_TYPES.map((type) => type.code)
/** Every level code used by some type (validators check the pair with levelOf). */
export const QUALIFICATION_LEVEL_CODES = [
  ...new Set(QUALIFICATION_TYPES.flatMap((type) => type.levels.map((level) => level.code))),
]

export function qualificationType(code: string | null | undefined) {
  return QUALIFICATION_TYPES.find((type) => type.code === code) ?? null
}

/** The level of a type, or null when the type has no such level. */
export function levelOf(typeCode: string | null | undefined, levelCode: string | null | undefined) {
  return qualificationType(typeCode)?.levels.find((level) => level.code === levelCode) ?? null
}

/** 0 is the highest level; a type without levels ranks every holding 0. */
function rank(type: QualificationType, levelCode: string | null) {
  if (type.levels.length === 0) return 0
  const index = type.levels.findIndex((level) => level.code === levelCode)
  return index === -1 ? Number.POSITIVE_INFINITY : index
}

export type QualificationRequirement = { type: string; level: string | null }
export type HeldQualification = { type: string | null; level: string | null }

/**
 * Whether a held qualification meets a requirement: the same type, and a
 * level at least the one required (a higher level satisfies a lower
 * requirement). No required level: any level of the type will do.
 */
export function satisfies(held: HeldQualification, required: QualificationRequirement) {
  const type = qualificationType(required.type)
  if (!type || held.type !== required.type) return false
  if (!required.level) return true
  return rank(type, held.level) <= rank(type, required.level)
}

/** The requirement in words: 测绘资质（乙级及以上）, or the type's name alone. */
export function requirementLabel(required: QualificationRequirement, locale = 'zh-CN') {
  const type = qualificationType(required.type)
  if (!type) return required.type
  const level = levelOf(required.type, required.level)
  const english = locale.startsWith('en')
  const name = english ? type.nameEn : type.name
  if (!level) return name
  return english ? `${name} (${level.nameEn} or higher)` : `${name}（${level.name}及以上）`
}

/** A holding in words: 测绘资质 甲级. */
export function holdingLabel(held: HeldQualification, locale = 'zh-CN') {
  const type = qualificationType(held.type)
  if (!type) return ''
  const level = levelOf(held.type, held.level)
  const english = locale.startsWith('en')
  const name = english ? type.nameEn : type.name
  return level ? `${name} ${english ? level.nameEn : level.name}` : name
}

const normalise = (text: string) => text.replace(/[\s()（）【】[\]·,，、]/g, '')

/**
 * Free text from before the list, mapped onto it: the type whose name or
 * alias the text contains (the longest alias wins, so that 地质灾害危险性评估
 * is not taken for plain 地质灾害), and the level whose name the text
 * contains. Null when no type matches: the text stays as it was.
 */
export function legacyQualification(
  typeText: string | null | undefined,
  levelText?: string | null
): { type: string; level: string | null } | null {
  if (!typeText) return null
  const text = normalise(typeText)
  let best: { type: QualificationType; length: number } | null = null
  for (const type of QUALIFICATION_TYPES) {
    for (const name of [type.name, ...type.aliases].map(normalise)) {
      if (text.includes(name) && (!best || name.length > best.length))
        best = { type, length: name.length }
    }
  }
  if (!best) return null
  const levelWords = normalise(`${levelText ?? ''}${typeText}`)
  const level = best.type.levels.find((candidate) => levelWords.includes(candidate.name))
  return { type: best.type.code, level: level?.code ?? null }
}
