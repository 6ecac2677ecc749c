import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { errors as vineErrors } from '@vinejs/vine'

/**
 * `node ace market:create-user --role=regulator|admin …` — staff accounts are
 * created by the operator; registration on the site never creates them.
 */
export default class CreateUser extends BaseCommand {
  static commandName = 'market:create-user'
  static description = 'Create a regulator or admin account (and its organisation if new)'

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'regulator or admin', required: true })
  declare role: string

  @flags.string({ description: 'Login e-mail', required: true })
  declare email: string

  @flags.string({ description: 'Password (at least 10 characters)', required: true })
  declare password: string

  @flags.string({ description: 'Organisation name', required: true })
  declare orgName: string

  @flags.string({ description: 'Unified social credit code of the organisation', required: true })
  declare uscc: string

  @flags.string({
    description: 'Administrative division code of the organisation',
    default: '511400',
  })
  declare region: string

  @flags.string({ description: 'Full name of the person (defaults to the e-mail)' })
  declare fullName?: string

  @flags.string({
    description:
      "A regulator's approval department (审批部门), by its exact name; it must be on record",
  })
  declare department?: string

  @flags.string({ description: 'Language of the messages (zh-CN or en)', default: 'zh-CN' })
  declare locale: string

  async run() {
    // Imported here, not at the top: ace reads command metadata before the
    // app (and Lucid's validation rules) have booted.
    const { default: i18nManager } = await import('@adonisjs/i18n/services/main')
    const { createStaffUserValidator } = await import('#validators/account')
    const { registerAccount, OrganizationKindMismatch } =
      await import('#actions/accounts/register_account')
    const i18n = i18nManager.locale(i18nManager.getSupportedLocaleFor(this.locale) ?? 'zh-CN')
    try {
      const payload = await createStaffUserValidator.validate(
        {
          role: this.role,
          email: this.email,
          password: this.password,
          orgName: this.orgName,
          uscc: this.uscc,
          region: this.region,
          fullName: this.fullName ?? this.email,
        },
        { messagesProvider: i18n.createMessagesProvider() }
      )
      const { default: Department } = await import('#models/department')
      const department = this.department
        ? await Department.findBy('name', this.department.trim())
        : null
      if (this.department && !department) {
        this.logger.error(`department: no approval department named ${this.department}`)
        this.exitCode = 1
        return
      }
      const { user, organization } = await registerAccount({
        ...payload,
        contactName: payload.fullName,
        departmentId: payload.role === 'regulator' ? (department?.id ?? null) : null,
      })
      this.logger.success(
        `Created ${user.role} ${user.email} (#${user.id}) in ${organization.name} [${organization.uscc}]`
      )
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const message of error.messages)
          this.logger.error(`${message.field}: ${message.message}`)
        this.exitCode = 1
        return
      }
      if (error instanceof OrganizationKindMismatch) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
  }
}
