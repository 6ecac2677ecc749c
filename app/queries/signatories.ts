/*
 * Who may sign for whom: the signatories of an organisation now (the
 * registrant unless revoked, and every designation in force), their history,
 * and the regulators' register of signatories across organisations.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Signatory from '#models/signatory'
import User from '#models/user'
import Organization from '#models/organization'
import {
  currentSignatories,
  signatoryStanding,
  SIGNING_ORGANIZATION_KINDS,
  type SignatoryRecord,
} from '#domain/signatories'

/** The user who registered the organisation: its first owner or agency user. */
export async function registrantOf(
  organizationId: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client
    .from('users')
    .where('organization_id', organizationId)
    .whereIn('role', [...SIGNING_ORGANIZATION_KINDS])
    .orderBy('id', 'asc')
    .select('id')
    .first()
  return row ? Number(row.id) : null
}

function asRecord(row: Signatory): SignatoryRecord {
  return {
    userId: row.userId,
    capacity: row.capacity,
    revokedAt: row.revokedAt?.toJSDate() ?? null,
  }
}

/** The designations and revocations of an organisation, oldest first. */
export function signatoryRows(
  organizationId: number,
  client: QueryClientContract = db.connection()
) {
  return Signatory.query({ client }).where('organization_id', organizationId).orderBy('id', 'asc')
}

/** Whether (and as what) a user may sign for their organisation now. */
export async function standingOf(user: User, client: QueryClientContract = db.connection()) {
  if (!(SIGNING_ORGANIZATION_KINDS as readonly string[]).includes(user.role)) return null
  const [registrant, rows] = await Promise.all([
    registrantOf(user.organizationId, client),
    signatoryRows(user.organizationId, client),
  ])
  return signatoryStanding(user.id, registrant, rows.map(asRecord))
}

export type SignatoryView = {
  userId: number
  name: string
  email: string
  capacity: Signatory['capacity']
  designationId: number | null
  designatedAt: Date | null
  hasDocument: boolean
}

/**
 * An organisation's current signatories (with names), its revoked
 * designations, and the users who could still be designated.
 */
export async function signatoriesOf(organizationId: number) {
  const [registrant, rows, users] = await Promise.all([
    registrantOf(organizationId),
    signatoryRows(organizationId),
    User.query()
      .where('organization_id', organizationId)
      .whereIn('role', [...SIGNING_ORGANIZATION_KINDS])
      .orderBy('id', 'asc'),
  ])
  const usersById = new Map(users.map((user) => [user.id, user]))
  const current = currentSignatories(registrant, rows.map(asRecord)).map((signatory) => {
    const designation = signatory.implicit
      ? null
      : rows.findLast((row) => row.userId === signatory.userId && row.revokedAt === null)!
    const user = usersById.get(signatory.userId)
    return {
      userId: signatory.userId,
      name: user?.fullName ?? '',
      email: user?.email ?? '',
      capacity: signatory.capacity,
      designationId: designation?.id ?? null,
      designatedAt: designation?.designatedAt.toJSDate() ?? null,
      hasDocument: Boolean(designation?.documentKey),
    } satisfies SignatoryView
  })
  const currentIds = new Set(current.map((signatory) => signatory.userId))
  const revoked = rows
    .filter((row) => row.revokedAt !== null)
    .map((row) => ({
      designationId: row.id,
      userId: row.userId,
      name: usersById.get(row.userId)?.fullName ?? '',
      capacity: row.capacity,
      revokedAt: row.revokedAt!.toJSDate(),
      reason: row.revocationReason,
    }))
  const designatable = users
    .filter((user) => !currentIds.has(user.id))
    .map((user) => ({ id: user.id, name: user.fullName, email: user.email }))
  return { current, revoked, designatable }
}

const PER_PAGE = 20

/**
 * The regulators' register: organisations that sign (owners and agencies),
 * filtered by name or USCC, each with its current signatories. Five queries
 * whatever the page holds.
 */
export async function signatoryRegister(filters: { q?: string; page?: number }) {
  const page = Math.max(1, filters.page ?? 1)
  const query = Organization.query()
    .whereIn('kind', [...SIGNING_ORGANIZATION_KINDS])
    .orderBy('name', 'asc')
    .orderBy('id', 'asc')
  if (filters.q) {
    const q = filters.q.trim()
    query.where((inner) => inner.where('name', 'like', `%${q}%`).orWhere('uscc', q.toUpperCase()))
  }
  const organizations = await query.paginate(page, PER_PAGE)
  const ids = organizations.all().map((organization) => organization.id)
  const [users, rows] = await Promise.all([
    ids.length
      ? User.query()
          .whereIn('organization_id', ids)
          .whereIn('role', [...SIGNING_ORGANIZATION_KINDS])
          .orderBy('id', 'asc')
      : [],
    ids.length ? Signatory.query().whereIn('organization_id', ids).orderBy('id', 'asc') : [],
  ])
  const usersById = new Map(users.map((user) => [user.id, user]))
  const data = organizations.all().map((organization) => {
    const registrant = users.find((user) => user.organizationId === organization.id)?.id ?? null
    const own = rows.filter((row) => row.organizationId === organization.id)
    const current = currentSignatories(registrant, own.map(asRecord)).map((signatory) => {
      const designation = signatory.implicit
        ? null
        : own.findLast((row) => row.userId === signatory.userId && row.revokedAt === null)!
      return {
        userId: signatory.userId,
        name: usersById.get(signatory.userId)?.fullName ?? '',
        capacity: signatory.capacity,
        designationId: designation?.id ?? null,
        designatedAt: designation?.designatedAt.toJSDate() ?? null,
        hasDocument: Boolean(designation?.documentKey),
      }
    })
    return {
      organizationId: organization.id,
      name: organization.name,
      uscc: organization.uscc,
      kind: organization.kind,
      signatories: current,
    }
  })
  return {
    data,
    meta: { total: organizations.total, page, perPage: PER_PAGE, lastPage: organizations.lastPage },
  }
}
