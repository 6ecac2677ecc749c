import vine from '@vinejs/vine'

/**
 * A list of serving officials as the hash CSV `node ace officials:hash`
 * writes: one file of 14 MB at most (200,000 rows), its source and date.
 * The content is checked row by row by app/domain/serving_officials.ts.
 */
export const loadServingOfficialsValidator = vine.create({
  file: vine.file({ size: '14mb', extnames: ['csv', 'txt'] }),
  source: vine.string().trim().minLength(2).maxLength(200),
  asOf: vine.date({ formats: ['YYYY-MM-DD'] }),
})
