import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import User from '#models/user'
import AgencyProfile from '#models/agency_profile'
import { CREDIT_BASE_SCORE } from '#domain/credit'
import { reindexAgency } from '#services/directory_index'
import { recordAuditEvent } from '#services/audit_log'
import { organizationKindFor, type Role } from '#domain/roles'

export type RegisterAccountInput = {
  role: Role
  orgName: string
  uscc: string
  region: string
  contactName: string
  phone?: string | null
  email: string
  password: string
  /** A regulator's approval department (审批部门), by id; staff accounts only. */
  departmentId?: number | null
}

/**
 * Creates an organisation and its first user in one transaction (零门槛: no
 * approval step — the account works at once). Also used for staff accounts,
 * which attach to an existing organisation of the same USCC when there is one.
 */
export async function registerAccount(input: RegisterAccountInput) {
  return db.transaction(async (trx) => {
    const kind = organizationKindFor(input.role)
    let organization = await Organization.query({ client: trx }).where('uscc', input.uscc).first()
    if (!organization) {
      organization = await Organization.create(
        {
          name: input.orgName,
          uscc: input.uscc,
          kind,
          regionCode: input.region,
          contactName: input.contactName,
          phone: input.phone ?? null,
          email: input.email,
        },
        { client: trx }
      )
    } else if (organization.kind !== kind) {
      throw new OrganizationKindMismatch(organization.kind, kind)
    }

    const user = await User.create(
      {
        organizationId: organization.id,
        email: input.email,
        password: input.password,
        role: input.role,
        fullName: input.contactName,
        phone: input.phone ?? null,
        departmentId: input.role === 'regulator' ? (input.departmentId ?? null) : null,
      },
      { client: trx }
    )
    if (kind === 'agency') {
      // Zero threshold: the agency exists in the registry at once; it is listed when it offers an item.
      await AgencyProfile.firstOrCreate(
        { organizationId: organization.id },
        { status: 'active', creditScore: CREDIT_BASE_SCORE, itemCount: 0 },
        { client: trx }
      )
      await reindexAgency(organization.id, trx)
    }
    await recordAuditEvent(trx, {
      actor: null,
      action: 'account.registered',
      subjectType: 'user',
      subjectId: user.id,
      payload: {
        organizationId: organization.id,
        uscc: organization.uscc,
        role: user.role,
        ...(user.departmentId ? { departmentId: user.departmentId } : {}),
      },
    })
    return { user, organization }
  })
}

/** A USCC already registered as another kind of organisation. */
export class OrganizationKindMismatch extends Error {
  constructor(
    readonly existingKind: string,
    readonly requestedKind: string
  ) {
    super(`The organisation is registered as ${existingKind}, not ${requestedKind}`)
  }
}
