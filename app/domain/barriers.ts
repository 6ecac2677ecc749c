/*
 * Barriers the seeds forbid in a project's requirements (零门槛、零限制;
 * 区域性、行业性限制一律取消; 审批部门不得指定中介机构): region restrictions,
 * registered-capital or headcount thresholds, naming an agency outside direct
 * selection, and qualifications the service item does not require. A pure
 * scan of the owner's texts; each finding says which barrier and quotes the
 * words that triggered it.
 */
export type BarrierKind = 'region' | 'capital' | 'headcount' | 'named_agency' | 'qualification'

export type Barrier = { kind: BarrierKind; excerpt: string }

const PATTERNS: { kind: BarrierKind; pattern: RegExp }[] = [
  {
    kind: 'region',
    pattern: /(本地|本市|本省|本区|本县|当地)[^，。；,.;]{0,6}(企业|机构|单位|注册)/,
  },
  { kind: 'region', pattern: /(须|需|应|必须)在[^，。；,.;]{1,12}(注册|设立|设有)/ },
  { kind: 'region', pattern: /仅限[^，。；,.;]{1,12}(企业|机构|单位)/ },
  { kind: 'capital', pattern: /注册(资本|资金)|实缴资本/ },
  { kind: 'headcount', pattern: /(人员|人数|员工|职工)[^，。；,.;]{0,6}(不少于|不低于|以上|至少)/ },
  {
    kind: 'named_agency',
    pattern:
      /(指定|委托|由)[^，。；,.;]{2,30}(公司|研究院|设计院|事务所|中心)(承担|承接|实施|负责)/,
  },
]

const QUALIFICATION_PATTERN = /(具备|具有|持有|取得)[^，。；,.;]{0,24}资质/

export function findBarriers(
  texts: string[],
  context: { method: string; itemRequiresQualification: boolean }
): Barrier[] {
  const found: Barrier[] = []
  for (const text of texts) {
    for (const { kind, pattern } of PATTERNS) {
      if (kind === 'named_agency' && context.method === 'direct') continue
      // One finding per kind and text is enough to explain the refusal.
      if (found.some((barrier) => barrier.kind === kind)) continue
      const match = text.match(pattern)
      if (match) found.push({ kind, excerpt: match[0] })
    }
    if (!context.itemRequiresQualification) {
      const match = text.match(QUALIFICATION_PATTERN)
      if (match) found.push({ kind: 'qualification', excerpt: match[0] })
    }
  }
  return found
}
