/*
 * An organisation's further users (同事): a signatory of the organisation
 * adds a colleague by name and e-mail, with the same role; nobody chooses
 * the colleague's password — the new account gets a password-setting link
 * by e-mail (the reset link, valid as usual), so the adder never knows it.
 * The colleague may then be designated a signatory on the signatories page.
 */
import db from '@adonisjs/lucid/services/db'
import { randomBytes } from 'node:crypto'
import Organization from '#models/organization'
import User from '#models/user'
import RefusalException from '#exceptions/refusal_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { recordAuditEvent } from '#services/audit_log'
import { sendPasswordResetEmail } from '#services/password_reset_links'
import { standingOf } from '#queries/signatories'

export async function addColleague(by: User, input: { fullName: string; email: string }) {
  if (!(await standingOf(by))) {
    throw new RefusalException(403, 'E_NOT_SIGNATORY', {
      identifier: 'signing.colleagues.notSignatory',
    })
  }
  const colleague = await db.transaction(async (trx) => {
    // The organisation's row serialises additions with designations of signatories.
    await Organization.query({ client: trx })
      .where('id', by.organizationId)
      .forUpdate()
      .firstOrFail()
    const taken = await trx.from('users').where('email', input.email).first()
    if (taken) {
      refuseInput([
        { field: 'email', rule: 'database.unique', identifier: 'signing.colleagues.emailTaken' },
      ])
    }
    const user = await User.create(
      {
        organizationId: by.organizationId,
        email: input.email,
        // Unknown to anyone: the colleague sets their own through the e-mailed link.
        password: randomBytes(32).toString('base64url'),
        role: by.role,
        fullName: input.fullName,
        phone: null,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: by,
      action: 'account.colleague_added',
      subjectType: 'user',
      subjectId: String(user.id),
      payload: { organizationId: by.organizationId, role: user.role, fullName: user.fullName },
    })
    return user
  })
  await sendPasswordResetEmail(colleague)
  return colleague
}

/** The organisation's users (for the signatories page and the API). */
export function colleaguesOf(organizationId: number) {
  return User.query().where('organization_id', organizationId).orderBy('id', 'asc')
}
