/*
 * 红顶中介 (seed, attachment 4): 审批部门所属事业单位、主管的社会组织及其举办
 * 的企业，不得开展与本部门行政审批相关的中介服务. An agency declares its
 * nature, its sponsor or supervising body (举办单位/主管单位) and its
 * shareholders of 5 % or more; regulators keep, per approval department, a
 * register of the organisations it sponsors, supervises or owns (by USCC).
 *
 * An agency is affiliated with a department when its own USCC, its
 * sponsor's USCC or a shareholder's USCC is in that department's register.
 * An affiliated agency may not offer an item the department approves, sign
 * up for it nor sign its contract. Pure: the caller gathers the facts.
 */

export const AGENCY_NATURES = ['enterprise', 'institution', 'social_organization'] as const
export type AgencyNature = (typeof AGENCY_NATURES)[number]

export const AFFILIATE_RELATIONS = ['sponsors', 'supervises', 'owns'] as const
export type AffiliateRelation = (typeof AFFILIATE_RELATIONS)[number]

/** Shareholders holding this share or more (basis points: 500 = 5 %) must be declared. */
export const DECLARED_SHARE_MIN_BP = 500
export const FULL_SHARE_BP = 10_000
export const MAX_SHAREHOLDERS = 20

export type Shareholder = {
  name: string
  /** An organisation's USCC, or null for a natural person. */
  uscc: string | null
  /** A natural person's salted ID-number hash, or null for an organisation. */
  idHash: string | null
  /** Share in basis points (1 % = 100). */
  shareBp: number
}

export type Declaration = {
  nature: AgencyNature
  sponsor: { name: string; uscc: string } | null
  shareholders: Shareholder[]
}

/** One organisation in a department's register. */
export type RegisterEntry = {
  departmentId: number
  uscc: string
  name: string
  relation: AffiliateRelation
}

export type Affiliation = {
  departmentId: number
  /** How the agency is tied to the department. */
  via: 'self' | 'sponsor' | 'shareholder'
  /** The organisation named in the register. */
  name: string
  uscc: string
}

export type DeclarationProblem =
  | { code: 'sponsor_required' }
  | { code: 'share_below_threshold'; name: string }
  | { code: 'share_total_exceeded' }
  | { code: 'shareholder_identity'; name: string }
  | { code: 'duplicate_shareholder'; name: string }
  | { code: 'too_many_shareholders' }

/**
 * What is wrong with a declaration, or null. A public institution or social
 * organisation always has a sponsor or supervising body; every shareholder
 * declared holds at least 5 % and is either an organisation (USCC) or a
 * person (ID hash), never both; shares add up to at most 100 %.
 */
export function declarationProblem(declaration: Declaration): DeclarationProblem | null {
  if (declaration.nature !== 'enterprise' && !declaration.sponsor) {
    return { code: 'sponsor_required' }
  }
  if (declaration.shareholders.length > MAX_SHAREHOLDERS) return { code: 'too_many_shareholders' }
  const seen = new Set<string>()
  let total = 0
  for (const holder of declaration.shareholders) {
    if ((holder.uscc === null) === (holder.idHash === null)) {
      return { code: 'shareholder_identity', name: holder.name }
    }
    const key = holder.uscc ?? holder.idHash!
    if (seen.has(key)) return { code: 'duplicate_shareholder', name: holder.name }
    seen.add(key)
    if (holder.shareBp < DECLARED_SHARE_MIN_BP) {
      return { code: 'share_below_threshold', name: holder.name }
    }
    total += holder.shareBp
  }
  if (total > FULL_SHARE_BP) return { code: 'share_total_exceeded' }
  return null
}

/**
 * Every affiliation of an agency with the departments of the register, the
 * agency itself first, then its sponsor, then its shareholders; at most one
 * per department and way.
 */
export function affiliationsOf(
  agencyUscc: string,
  declaration: Declaration | null,
  register: readonly RegisterEntry[]
): Affiliation[] {
  const byUscc = Map.groupBy(register, (entry) => entry.uscc)
  const found: Affiliation[] = []
  const seen = new Set<string>()
  const add = (uscc: string | null | undefined, via: Affiliation['via']) => {
    if (!uscc) return
    for (const entry of byUscc.get(uscc) ?? []) {
      const key = `${entry.departmentId}|${via}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push({ departmentId: entry.departmentId, via, name: entry.name, uscc })
    }
  }
  add(agencyUscc, 'self')
  add(declaration?.sponsor?.uscc, 'sponsor')
  for (const holder of declaration?.shareholders ?? []) add(holder.uscc, 'shareholder')
  return found
}

/** The affiliation with this department (the first found), or null: none with it. */
export function affiliationWith(
  departmentId: number,
  agencyUscc: string,
  declaration: Declaration | null,
  register: readonly RegisterEntry[]
): Affiliation | null {
  return (
    affiliationsOf(agencyUscc, declaration, register).find(
      (affiliation) => affiliation.departmentId === departmentId
    ) ?? null
  )
}

/** The USCCs to look up in the register for an agency: itself, its sponsor, its shareholders. */
export function usccsToScreen(agencyUscc: string, declaration: Declaration | null): string[] {
  const usccs: (string | null | undefined)[] = [agencyUscc, declaration?.sponsor?.uscc]
  for (const holder of declaration?.shareholders ?? []) usccs.push(holder.uscc)
  return [...new Set(usccs.filter((uscc): uscc is string => Boolean(uscc)))]
}

/** A declaration as the public sees it: shareholders' ID hashes are never shown. */
export function publicDeclaration(declaration: Declaration) {
  return {
    nature: declaration.nature,
    sponsor: declaration.sponsor,
    shareholders: declaration.shareholders.map((holder) => ({
      name: holder.name,
      uscc: holder.uscc,
      person: holder.idHash !== null,
      shareBp: holder.shareBp,
    })),
  }
}

/** Basis points as a percentage text: 1250 → "12.5%". */
export function shareText(shareBp: number) {
  return `${Number((shareBp / 100).toFixed(2))}%`
}
