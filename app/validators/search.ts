import vine from '@vinejs/vine'

/** The site search of the home page and the header: words to look for in items, agencies and projects. */
export const siteSearchValidator = vine.create({
  q: vine.string().trim().maxLength(50).optional(),
})
