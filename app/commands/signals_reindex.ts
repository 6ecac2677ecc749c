import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace signals:reindex` — builds the report-similarity index (MinHash
 * signatures and LSH bands) for every delivered file not yet indexed with the
 * current algorithm; `--all` rebuilds it for every file. Safe to run again.
 */
export default class SignalsReindex extends BaseCommand {
  static commandName = 'signals:reindex'
  static description = 'Index delivered files for the report-similarity analysis'

  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Reindex every file, not only the missing ones' })
  declare all: boolean

  async run() {
    const { reindexDeliverableFiles } = await import('#actions/similarity/index_deliverable_files')
    const started = performance.now()
    const indexed = await reindexDeliverableFiles({ all: this.all })
    this.logger.success(`Indexed ${indexed} files in ${Math.round(performance.now() - started)} ms`)
  }
}
