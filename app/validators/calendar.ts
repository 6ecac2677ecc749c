import vine from '@vinejs/vine'

const day = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

/** The admin marks a day as a holiday or a make-up working day. */
export const setCalendarDayValidator = vine.create({
  day: day(),
  working: vine.boolean(),
  note: vine.string().trim().minLength(1).maxLength(100),
})

/** Reading the calendar of a year. */
export const calendarYearValidator = vine.create({
  year: vine.number().withoutDecimals().min(2000).max(2100).optional(),
})

/** Computing a due day: n working days after a start day. */
export const workingDaysQueryValidator = vine.create({
  from: day(),
  days: vine.number().withoutDecimals().min(0).max(1000),
})
