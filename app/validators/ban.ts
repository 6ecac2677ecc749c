import vine from '@vinejs/vine'
import { storableInstantRule } from '#validators/rules/storable_instant'
import { idNumberRule } from '#validators/rules/id_number'
import { beijingDayRule } from '#validators/rules/beijing_day'

/** A regulator bans an agency and/or a person (禁入), with the legal basis. */
export const banValidator = vine.create({
  agencyId: vine.number().withoutDecimals().min(1).optional(),
  personIdNumber: vine.string().trim().use(idNumberRule()).optional(),
  personName: vine.string().trim().minLength(2).maxLength(100).optional(),
  reason: vine.string().trim().minLength(4).maxLength(2000),
  legalBasis: vine.string().trim().minLength(4).maxLength(2000),
  // The credit event that caused the ban (of the same agency): its repair lifts the ban.
  creditEventId: vine.number().withoutDecimals().min(1).optional(),
  // A bare date (the form's date fields) is that day in Beijing time.
  startsAt: vine
    .date({ formats: ['YYYY-MM-DD', 'iso8601', 'x'] })
    .use(beijingDayRule())
    .use(storableInstantRule()),
  endsAt: vine
    .date({ formats: ['YYYY-MM-DD', 'iso8601', 'x'] })
    .use(beijingDayRule())
    .use(storableInstantRule())
    .nullable()
    .optional(),
})

/** Lifting a ban early needs a reason. */
export const liftBanValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})
