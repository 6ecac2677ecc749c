import type { HttpContext } from '@adonisjs/core/http'
import { directoryFiltersValidator } from '#validators/agency'
import { itemExportValidator, projectExportValidator } from '#validators/open_data'
import {
  exportedAgencies,
  exportedContracts,
  exportedProjects,
  exportedResults,
} from '#queries/open_data_exports'
import {
  agencyColumns,
  contractColumns,
  projectColumns,
  resultColumns,
} from '#presenters/open_data_csv'
import { sendCsv } from '#services/csv_export'

/** CSV downloads of the public data (API.md "Open data"), with the pages' filters. */
export default class ExportsController {
  /** GET /api/v1/exports/projects.csv?status=&item= */
  async projects({ request, response }: HttpContext) {
    const filters = await request.validateUsing(projectExportValidator, { data: request.qs() })
    sendCsv(response, 'projects.csv', projectColumns(), exportedProjects(filters))
  }

  /** GET /api/v1/exports/agencies.csv?item=&region=&grade=&q=&sort= (the directory) */
  async agencies({ request, response }: HttpContext) {
    const filters = await request.validateUsing(directoryFiltersValidator, { data: request.qs() })
    // The whole selection, not a page of it.
    const { item, region, grade, q, sort } = filters
    sendCsv(
      response,
      'agencies.csv',
      agencyColumns(),
      exportedAgencies({ item, region, grade, q, sort })
    )
  }

  /** GET /api/v1/exports/results.csv?item= — every opened bid: quote, nonce, receipt, validity, rank. */
  async results({ request, response }: HttpContext) {
    const filters = await request.validateUsing(itemExportValidator, { data: request.qs() })
    sendCsv(response, 'results.csv', resultColumns(), exportedResults(filters))
  }

  /** GET /api/v1/exports/contracts.csv?item= — the public contract notices (合同公示). */
  async contracts({ request, response }: HttpContext) {
    const filters = await request.validateUsing(itemExportValidator, { data: request.qs() })
    sendCsv(response, 'contracts.csv', contractColumns(), exportedContracts(filters))
  }
}
