/*
 * The service guide of a catalog item (服务指南, 一次性告知): what the seeds
 * ask every item to publish beside its name and fee — the fee basis
 * (公布收费依据), whether the service is mandatory or one the enterprise may
 * prepare itself (允许企业自主编制), the areas where a regional assessment
 * already covers it (区域评估…不再单独编报), the guide proper (依据、范围、对象、
 * 内容、方法、结论) and the materials the owner provides, told at once.
 * Versioned with the item. Pure: worked examples in
 * tests/unit/service_guide.spec.ts.
 */
export const PROVISIONS = ['mandatory', 'may_self_prepare'] as const
export type Provision = (typeof PROVISIONS)[number]

export type ServiceGuide = {
  provision: Provision
  /** 收费依据: the document and its article; null when none is published. */
  feeBasis: { document: string; article: string } | null
  /** Region codes (GB/T 2260) where a regional assessment covers the item. */
  regionalCoverage: string[]
  basis: string
  scope: string
  object: string
  /** 服务内容: one entry a line, the standard deliverables contracts are compared with. */
  content: string[]
  method: string
  conclusion: string
  /** 一次性告知: the materials the owner provides. */
  materials: string[]
}

export const EMPTY_GUIDE: ServiceGuide = {
  provision: 'mandatory',
  feeBasis: null,
  regionalCoverage: [],
  basis: '',
  scope: '',
  object: '',
  content: [],
  method: '',
  conclusion: '',
  materials: [],
}

/** The guide as stored (JSON text; null for items published before guides). */
export function parseGuide(stored: string | null | undefined): ServiceGuide {
  if (!stored) return { ...EMPTY_GUIDE }
  const parsed = JSON.parse(stored) as Partial<ServiceGuide>
  return { ...EMPTY_GUIDE, ...parsed }
}

export function serializeGuide(guide: ServiceGuide) {
  return JSON.stringify(guide)
}

/** Whether any part of the guide proper has been written. */
export function guidePublished(guide: ServiceGuide) {
  return Boolean(
    guide.basis || guide.scope || guide.object || guide.content.length > 0 || guide.method
  )
}

/**
 * A list typed in a text area: one entry a line, list numbering (1. 2、
 * （一）) and bullets removed, blank lines dropped.
 */
export function listLines(text: string | null | undefined) {
  return (text ?? '')
    .split(/\r?\n|[；;]/)
    .map((line) =>
      line
        .trim()
        .replace(/^(?:[（(]?[0-9一二三四五六七八九十]+[)）.、．]|[-*•·])\s*/, '')
        .trim()
    )
    .filter((line) => line.length > 0)
}

/**
 * 区域评估: the coverage entry that covers a project's region — the same
 * code, or the province (xx0000) or city (xxxx00) containing it. Null when
 * the item is required there.
 */
export function coveringRegion(coverage: string[], regionCode: string | null | undefined) {
  if (!regionCode) return null
  for (const code of coverage) {
    if (code === regionCode) return code
    if (code.endsWith('0000') && regionCode.startsWith(code.slice(0, 2))) return code
    if (code.endsWith('00') && regionCode.startsWith(code.slice(0, 4))) return code
  }
  return null
}

/** 允许企业自主编制: why an owner may not record self-preparation, or null when it may. */
export function selfPreparationRefusal(item: { status: string; provision: Provision }) {
  if (item.status !== 'active') return 'item_retired' as const
  if (item.provision !== 'may_self_prepare') return 'item_mandatory' as const
  return null
}

/** Text compared without spaces, punctuation or list numbering. */
function plain(text: string) {
  return text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase()
}

/** Character bigrams of a plain text (a single character is its own bigram). */
function bigrams(text: string) {
  if (text.length < 2) return new Set([text])
  const grams = new Set<string>()
  for (let index = 0; index < text.length - 1; index++) grams.add(text.slice(index, index + 2))
  return grams
}

/** The share of the guide entry's bigrams found in the deliverable (0–1). */
function sharedBigrams(entry: string, line: string) {
  const wanted = bigrams(entry)
  const found = bigrams(line)
  let shared = 0
  for (const gram of wanted) if (found.has(gram)) shared++
  return shared / wanted.size
}

/** A guide entry and a deliverable line name the same work: one contains the other, or most words are shared. */
export const SAME_WORK = 0.6
function sameWork(entry: string, line: string) {
  const a = plain(entry)
  const b = plain(line)
  if (!a || !b) return false
  if (a.includes(b) || b.includes(a)) return true
  return sharedBigrams(a, b) >= SAME_WORK || sharedBigrams(b, a) >= SAME_WORK
}

/**
 * 扩大收费范围、减少服务内容: a contract's deliverables compared with the
 * item's guide content. `inflated`: deliverables that no guide entry names
 * (work charged beyond the item's scope); `reduced`: guide entries no
 * deliverable names (service the item includes but the contract leaves out).
 * An item without guide content is compared with nothing: both empty.
 */
export function scopeDifferences(content: string[], deliverables: string) {
  if (content.length === 0) return { inflated: [] as string[], reduced: [] as string[] }
  const lines = listLines(deliverables)
  return {
    inflated: lines.filter((line) => !content.some((entry) => sameWork(entry, line))),
    reduced: content.filter((entry) => !lines.some((line) => sameWork(entry, line))),
  }
}
