import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { agencyDeclarationValidator } from '#validators/agency_declaration'
import { declareAgency } from '#actions/integrity/declarations'
import { currentDeclaration, suspensionsOf } from '#queries/integrity'
import { AGENCY_NATURES, publicDeclaration } from '#domain/affiliations'

/** Rows of the shareholder table on the page (more through the API). */
const FORM_ROWS = 5

/**
 * The signed-in agency's declaration (红顶中介): nature, sponsor or
 * supervising body, shareholders of 5 % or more; and what was suspended.
 */
export default class DeclarationController {
  async edit({ auth, view }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId
    const declaration = await currentDeclaration(organizationId)
    const shown = declaration ? publicDeclaration(declaration.facts) : null
    const rows = Array.from({ length: FORM_ROWS }, (_, index) => shown?.shareholders[index] ?? null)
    return view.render('pages/integrity/declaration', {
      declaration,
      shown,
      rows,
      natures: AGENCY_NATURES,
      suspensions: await suspensionsOf(organizationId),
    })
  }

  /** The page's table: empty rows dropped, shares typed as percentages (12.5 → 1250 bp). */
  async update({ auth, request, response, session, i18n }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const body = request.all()
    // shareholders[0][name]… arrives as an array, or as an object keyed by row number.
    const table = body.shareholders
    const rows: Record<string, unknown>[] = Array.isArray(table)
      ? table
      : table && typeof table === 'object'
        ? Object.values(table)
        : []
    const shareholders = rows
      .filter((row: Record<string, unknown>) =>
        ['name', 'uscc', 'idNumber', 'sharePercent'].some((key) => String(row?.[key] ?? '').trim())
      )
      .map((row: Record<string, unknown>) => {
        const percent = String(row.sharePercent ?? '').trim()
        const bp = /^\d{1,3}(\.\d{1,2})?$/.test(percent)
          ? Math.round(Number(percent) * 100)
          : percent
        return {
          name: row.name,
          uscc: String(row.uscc ?? '').trim() || undefined,
          idNumber: String(row.idNumber ?? '').trim() || undefined,
          shareBp: bp,
        }
      })
    const payload = await request.validateUsing(agencyDeclarationValidator, {
      data: {
        nature: body.nature,
        sponsorName: String(body.sponsorName ?? '').trim() || undefined,
        sponsorUscc: String(body.sponsorUscc ?? '').trim() || undefined,
        shareholders,
      },
    })
    const { declaration, suspended } = await declareAgency(
      organization,
      payload,
      auth.getUserOrFail()
    )
    session.flash(
      'success',
      i18n.t('integrity.declaration.saved', {
        version: declaration.version,
        suspended: suspended.length,
      })
    )
    return response.redirect().toRoute('agency.declaration.edit')
  }
}
