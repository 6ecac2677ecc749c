/*
 * Who may sign for an organisation (签署人). 电子签名法 Art. 13 asks that the
 * signature-creation data be under the signer's sole control; the market adds
 * who the signer may be: the user who registered the organisation is its
 * first signatory, and its signatories designate others among its users, as
 * 法定代表人 (legal representative) or 授权代表 (authorised representative),
 * each with the authorisation document. Only a current signatory enrols a
 * signing key for the organisation, and only they sign its contracts.
 */
export const SIGNATORY_CAPACITIES = [
  'registrant', // 注册经办人: the user who registered the organisation
  'legal_representative', // 法定代表人
  'authorised_representative', // 授权代表
] as const
export type SignatoryCapacity = (typeof SIGNATORY_CAPACITIES)[number]

/** The capacities a signatory designates others in (the registrant is one by registering). */
export const DESIGNATED_CAPACITIES = ['legal_representative', 'authorised_representative'] as const
export type DesignatedCapacity = (typeof DESIGNATED_CAPACITIES)[number]

/** The kinds of organisation that sign contracts on the market. */
export const SIGNING_ORGANIZATION_KINDS = ['owner', 'agency'] as const

export type SignatoryRecord = {
  userId: number
  capacity: SignatoryCapacity
  revokedAt: Date | null
}

export type CurrentSignatory = { userId: number; capacity: SignatoryCapacity; implicit: boolean }

/**
 * The organisation's signatories now: every designation not revoked, and the
 * registrant while no record names them (a record revoking the registrant
 * ends their implicit standing for good; a later designation restores it).
 */
export function currentSignatories(
  registrantUserId: number | null,
  records: SignatoryRecord[]
): CurrentSignatory[] {
  const current: CurrentSignatory[] = []
  const recorded = new Set(records.map((record) => record.userId))
  if (registrantUserId !== null && !recorded.has(registrantUserId)) {
    current.push({ userId: registrantUserId, capacity: 'registrant', implicit: true })
  }
  for (const record of records) {
    if (record.revokedAt !== null) continue
    if (current.some((signatory) => signatory.userId === record.userId)) continue
    current.push({ userId: record.userId, capacity: record.capacity, implicit: false })
  }
  return current
}

/** The current standing of one user, or null when they may not sign. */
export function signatoryStanding(
  userId: number,
  registrantUserId: number | null,
  records: SignatoryRecord[]
): CurrentSignatory | null {
  return (
    currentSignatories(registrantUserId, records).find(
      (signatory) => signatory.userId === userId
    ) ?? null
  )
}
