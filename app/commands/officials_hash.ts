import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { readFile, writeFile } from 'node:fs/promises'

/**
 * `node ace officials:hash FILE.csv [--out=HASHES.csv]` — turns a CSV of
 * serving officials' ID numbers (first column) into the CSV of salted
 * hashes that regulators upload, with the market's own salt, so that no ID
 * number ever reaches the market in clear. Run it where the list is kept,
 * with the market's PERSON_ID_SALT (or APP_KEY) in the environment. Lines that
 * are not valid ID numbers are named by number and left out.
 */
export default class OfficialsHash extends BaseCommand {
  static commandName = 'officials:hash'
  static description = "Hash a CSV of serving officials' ID numbers for upload to the market"

  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'CSV file of ID numbers (first column)' })
  declare file: string

  @flags.string({ description: 'Where to write the hash CSV (default: FILE.hashes.csv)' })
  declare out?: string

  async run() {
    const { hashIdNumberCsv, officialsCsv, MAX_OFFICIAL_ROWS } =
      await import('#domain/serving_officials')
    const { isValidIdNumber } = await import('#domain/id_card')
    const { personIdHash } = await import('#services/person_identity')
    const text = await readFile(this.file, 'utf8')
    const { hashes, badLines } = hashIdNumberCsv(text, personIdHash, isValidIdNumber)
    if (badLines.length > 0) {
      const shown = badLines.slice(0, 20).join(', ')
      this.logger.warning(
        `${badLines.length} line(s) are not valid ID numbers and were left out: ${shown}${badLines.length > 20 ? ', …' : ''}`
      )
    }
    if (hashes.length === 0) {
      this.logger.error('No valid ID number found: nothing written')
      this.exitCode = 1
      return
    }
    if (hashes.length > MAX_OFFICIAL_ROWS) {
      this.logger.error(`More than ${MAX_OFFICIAL_ROWS} numbers: the market refuses such a file`)
      this.exitCode = 1
      return
    }
    const out = this.out ?? this.file.replace(/(\.csv)?$/i, '.hashes.csv')
    await writeFile(out, officialsCsv(hashes), 'utf8')
    this.logger.success(`Wrote ${hashes.length} hashes to ${out}`)
  }
}
