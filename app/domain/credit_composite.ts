/*
 * 年度综合信用评价: once a year each agency gets a composite credit
 * evaluation, published with its breakdown: the approving departments'
 * ratings of its reports (服务双评价), its public credit (the market's
 * credit score) and the owners' given ratings, weighted by the rule set
 * (70 / 10 / 20 by default). Ratings (1–5) count as rating / 5 × 100.
 * A part the agency has no data for that year does not count as zero: its
 * weight is shared among the other parts in proportion to theirs.
 */
export const COMPOSITE_PARTS = ['department', 'publicCredit', 'owners'] as const
export type CompositePart = (typeof COMPOSITE_PARTS)[number]
export type CompositeWeights = Record<CompositePart, number>

/** A mean rating of 1–5 on the scale of 100, to 0.01. */
export function ratingOnHundred(mean: number | null) {
  return mean === null ? null : Math.round((mean / 5) * 100 * 100) / 100
}

export function annualComposite(
  values: Record<CompositePart, number | null>,
  weights: CompositeWeights
) {
  const present = COMPOSITE_PARTS.filter((part) => values[part] !== null)
  const presentWeight = present.reduce((sum, part) => sum + weights[part], 0)
  const parts = COMPOSITE_PARTS.map((part) => {
    const value = values[part]
    const applied =
      value === null || presentWeight === 0 ? 0 : (weights[part] / presentWeight) * 100
    return {
      part,
      value,
      weight: weights[part],
      appliedWeight: Math.round(applied * 100) / 100,
      points: value === null ? 0 : Math.round(((value * applied) / 100) * 100) / 100,
    }
  })
  const score =
    presentWeight === 0
      ? null
      : Math.round(parts.reduce((sum, part) => sum + part.points, 0) * 100) / 100
  return { score, parts }
}
