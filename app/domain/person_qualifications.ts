/*
 * The closed list of PERSON qualifications (执业资格): what a practitioner
 * holds and what an item may require of the persons a response names (its
 * project lead and team) — kept apart from the agency-level qualifications
 * (app/domain/qualification_types.ts, 资质). Each with its levels in order,
 * highest first (一级 above 二级): a requirement is met by the same
 * qualification at the required level or higher; a qualification without
 * levels is met by any holding of it. Free text from before the list is
 * mapped onto it by name (legacyPersonQualification); text the list does not
 * know stays readable and meets no requirement. Pure: worked examples in
 * tests/unit/person_qualifications.spec.ts.
 */
import type { QualificationLevel } from '#domain/qualification_types'

export type PersonQualification = {
  code: string
  name: string
  nameEn: string
  /** Other names the same qualification was written under before the list. */
  aliases: string[]
  /** Highest first. Empty: the qualification has no levels. */
  levels: QualificationLevel[]
}

const CLASS_1 = { code: 'class_1', name: '一级', nameEn: 'Class 1' }
const CLASS_2 = { code: 'class_2', name: '二级', nameEn: 'Class 2' }
const CLASS_3 = { code: 'class_3', name: '三级', nameEn: 'Class 3' }

export const PERSON_QUALIFICATIONS: readonly PersonQualification[] = [
  {
    code: 'eia_engineer',
    name: '注册环境影响评价工程师',
    nameEn: 'Registered environmental impact assessment engineer',
    aliases: ['环境影响评价工程师', '环评工程师'],
    levels: [],
  },
  {
    code: 'safety_assessor',
    name: '注册安全评价师',
    nameEn: 'Registered safety assessor',
    aliases: ['安全评价师'],
    levels: [CLASS_1, CLASS_2, CLASS_3],
  },
  {
    code: 'surveyor',
    name: '注册测绘师',
    nameEn: 'Registered surveyor',
    aliases: ['测绘师'],
    levels: [],
  },
  {
    code: 'cost_engineer',
    name: '注册造价工程师',
    nameEn: 'Registered cost engineer',
    aliases: ['造价工程师'],
    levels: [CLASS_1, CLASS_2],
  },
  {
    code: 'architect',
    name: '注册建筑师',
    nameEn: 'Registered architect',
    aliases: ['建筑师'],
    levels: [CLASS_1, CLASS_2],
  },
  {
    code: 'structural_engineer',
    name: '注册结构工程师',
    nameEn: 'Registered structural engineer',
    aliases: ['结构工程师'],
    levels: [CLASS_1, CLASS_2],
  },
  {
    code: 'geotechnical_engineer',
    name: '注册土木工程师（岩土）',
    nameEn: 'Registered civil engineer (geotechnical)',
    aliases: ['岩土工程师', '注册岩土工程师'],
    levels: [],
  },
  {
    code: 'urban_planner',
    name: '注册城乡规划师',
    nameEn: 'Registered urban and rural planner',
    aliases: ['城乡规划师', '注册规划师'],
    levels: [],
  },
  {
    code: 'consulting_engineer',
    name: '咨询工程师（投资）',
    nameEn: 'Consulting engineer (investment)',
    aliases: ['注册咨询工程师', '咨询工程师'],
    levels: [],
  },
  {
    code: 'asset_appraiser',
    name: '资产评估师',
    nameEn: 'Asset appraiser',
    aliases: ['注册资产评估师'],
    levels: [],
  },
  {
    code: 'real_estate_appraiser',
    name: '房地产估价师',
    nameEn: 'Real estate appraiser',
    aliases: ['注册房地产估价师'],
    levels: [],
  },
  {
    code: 'land_appraiser',
    name: '土地估价师',
    nameEn: 'Land appraiser',
    aliases: ['注册土地估价师'],
    levels: [],
  },
  {
    code: 'cpa',
    name: '注册会计师',
    nameEn: 'Certified public accountant',
    aliases: [],
    levels: [],
  },
  {
    code: 'fire_engineer',
    name: '注册消防工程师',
    nameEn: 'Registered fire protection engineer',
    aliases: ['消防工程师'],
    levels: [CLASS_1, CLASS_2],
  },
  {
    code: 'supervision_engineer',
    name: '注册监理工程师',
    nameEn: 'Registered construction supervision engineer',
    aliases: ['监理工程师'],
    levels: [],
  },
  {
    code: 'nuclear_safety_engineer',
    name: '注册核安全工程师',
    nameEn: 'Registered nuclear safety engineer',
    aliases: ['核安全工程师'],
    levels: [],
  },
  {
    code: 'constructor',
    name: '注册建造师',
    nameEn: 'Registered constructor',
    aliases: ['建造师'],
    levels: [CLASS_1, CLASS_2],
  },
  {
    code: 'lawyer',
    name: '律师执业证',
    nameEn: 'Lawyer’s practising certificate',
    aliases: ['执业律师', '律师'],
    levels: [],
  },
]

export const PERSON_QUALIFICATION_CODES = PERSON_QUALIFICATIONS.map((entry) => entry.code)
/** Every level code used by some qualification (validators check the pair with personLevelOf). */
export const PERSON_QUALIFICATION_LEVEL_CODES = [
  ...new Set(PERSON_QUALIFICATIONS.flatMap((entry) => entry.levels.map((level) => level.code))),
]

export function personQualification(code: string | null | undefined) {
  return PERSON_QUALIFICATIONS.find((entry) => entry.code === code) ?? null
}

/** The level of a qualification, or null when it has no such level. */
export function personLevelOf(code: string | null | undefined, level: string | null | undefined) {
  return personQualification(code)?.levels.find((candidate) => candidate.code === level) ?? null
}

/** A requirement (the item's) or a holding (the person's): a code and a level. */
export type PersonQualificationRef = { code: string; level: string | null }

/** 0 is the highest level; a qualification without levels ranks every holding 0. */
function rank(entry: PersonQualification, level: string | null) {
  if (entry.levels.length === 0) return 0
  const index = entry.levels.findIndex((candidate) => candidate.code === level)
  return index === -1 ? Number.POSITIVE_INFINITY : index
}

/**
 * Whether a person's holding meets a requirement: the same qualification, at
 * the required level or higher (一级 meets 二级). No required level: any
 * level of it will do. A holding outside the list meets nothing.
 */
export function personSatisfies(
  held: { code: string | null; level: string | null },
  required: PersonQualificationRef
) {
  const entry = personQualification(required.code)
  if (!entry || held.code !== required.code) return false
  if (!required.level) return true
  return rank(entry, held.level) <= rank(entry, required.level)
}

/** In words: 注册造价工程师（一级）, or the name alone; 二级及以上 for a requirement. */
export function personQualificationLabel(
  ref: { code: string | null; level: string | null } | null,
  locale = 'zh-CN',
  asRequirement = false
) {
  const entry = personQualification(ref?.code)
  if (!entry) return ''
  const level = personLevelOf(ref!.code, ref!.level)
  const english = locale.startsWith('en')
  const name = english ? entry.nameEn : entry.name
  if (!level) return name
  if (english) return `${name} (${level.nameEn}${asRequirement ? ' or higher' : ''})`
  return `${name}（${level.name}${asRequirement ? '及以上' : ''}）`
}

const normalise = (text: string) => text.replace(/[\s()（）【】[\]·,，、]/g, '')

/**
 * Free text from before the list, mapped onto it: the qualification whose
 * name or alias the text contains (the longest wins, so that 注册结构工程师
 * is not taken for a plain 结构工程师 of another entry), and the level whose
 * name (一级, 二级, 三级) the text contains. Null when nothing matches: the
 * text stays as it was, readable, and meets no requirement.
 */
export function legacyPersonQualification(
  text: string | null | undefined
): PersonQualificationRef | null {
  if (!text) return null
  const words = normalise(text)
  let best: { entry: PersonQualification; length: number } | null = null
  for (const entry of PERSON_QUALIFICATIONS) {
    for (const name of [entry.name, ...entry.aliases].map(normalise)) {
      if (words.includes(name) && (!best || name.length > best.length)) {
        best = { entry, length: name.length }
      }
    }
  }
  if (!best) return null
  const level = best.entry.levels.find((candidate) => words.includes(candidate.name))
  return { code: best.entry.code, level: level?.code ?? null }
}
