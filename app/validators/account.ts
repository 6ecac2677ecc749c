import vine from '@vinejs/vine'
import { REGION_CODES } from '#domain/regions'
import { SELF_REGISTERED_ROLES, STAFF_ROLES } from '#domain/roles'
import { usccField } from '#validators/rules/uscc'

/** Mainland mobile numbers and landlines with area code (0XX-XXXXXXXX). */
const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

const email = () => vine.string().trim().toLowerCase().maxLength(254).email()
const password = () => vine.string().minLength(10).maxLength(128)
const orgName = () => vine.string().trim().minLength(2).maxLength(200)

/**
 * An owner or an agency registers itself: organisation and first user at once.
 */
export const registerAccountValidator = vine.create({
  role: vine.enum(SELF_REGISTERED_ROLES),
  orgName: orgName(),
  uscc: usccField().unique({ table: 'organizations', column: 'uscc' }),
  region: vine.enum(REGION_CODES),
  contactName: vine.string().trim().minLength(2).maxLength(100),
  phone: vine.string().trim().regex(PHONE_PATTERN),
  email: email().unique({ table: 'users', column: 'email' }),
  password: password(),
})

/** Logging in (pages) or asking for an API token. */
export const credentialsValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(128),
})

/**
 * Staff accounts (regulator, admin) created by the operator from the command
 * line. The organisation is found by USCC or created.
 */
export const createStaffUserValidator = vine.create({
  role: vine.enum(STAFF_ROLES),
  email: email().unique({ table: 'users', column: 'email' }),
  password: password(),
  orgName: orgName(),
  uscc: usccField(),
  region: vine.enum(REGION_CODES),
  fullName: vine.string().trim().minLength(2).maxLength(100),
})

/** Changing one's own password: the current one, then the new one twice. */
export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(128),
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
})

/** Asking for a password reset link (忘记密码): only the e-mail. */
export const forgotPasswordValidator = vine.create({
  email: email(),
})

/** Choosing a new password through a reset link: twice, as at registration. */
export const resetPasswordValidator = vine.create({
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
})

/** A regulator or an admin suspends an account, saying why. */
export const suspendAccountValidator = vine.create({
  reason: vine.string().trim().minLength(2).maxLength(500),
})

/** A signatory adds a colleague to the organisation: name and login e-mail (no password). */
export const addColleagueValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(100),
  email: email().unique({ table: 'users', column: 'email' }),
})
