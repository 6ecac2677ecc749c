import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import { LogMailTransport } from '#services/log_mail_transport'

/**
 * E-mail goes through SMTP when SMTP_HOST is set; without a mail server
 * (development, demos) messages are written to the log instead. Tests swap
 * the mailer for `mail.fake()`.
 */
const smtpHost = env.get('SMTP_HOST')
const smtpUser = env.get('SMTP_USERNAME')

const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER', smtpHost && !app.inTest ? 'smtp' : 'log'),

  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'noreply@market.example'),
    name: env.get('MAIL_FROM_NAME', '网上中介服务超市'),
  },

  mailers: {
    smtp: transports.smtp({
      host: smtpHost ?? '127.0.0.1',
      port: env.get('SMTP_PORT', 587),
      secure: env.get('SMTP_SECURE', env.get('SMTP_PORT') === 465),
      auth: smtpUser
        ? { type: 'login', user: smtpUser, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
    log: () => new LogMailTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
