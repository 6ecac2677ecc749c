import vine from '@vinejs/vine'
import { usccField } from '#validators/rules/uscc'
import { idNumberRule } from '#validators/rules/id_number'
import { AGENCY_NATURES, FULL_SHARE_BP, MAX_SHAREHOLDERS } from '#domain/affiliations'

/**
 * An agency's declaration (红顶中介): nature, sponsor or supervising body
 * (name + USCC), shareholders of 5 % or more — an organisation by USCC or a
 * person by ID number (hashed at once, never stored) — share in basis points.
 */
export const agencyDeclarationValidator = vine.create({
  nature: vine.enum(AGENCY_NATURES),
  sponsorName: vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(200)
    .optional()
    .requiredIfExists('sponsorUscc'),
  sponsorUscc: usccField().optional().requiredIfExists('sponsorName'),
  shareholders: vine
    .array(
      vine.object({
        name: vine.string().trim().minLength(2).maxLength(200),
        uscc: usccField().optional(),
        idNumber: vine.string().trim().use(idNumberRule()).optional(),
        shareBp: vine.number().withoutDecimals().min(1).max(FULL_SHARE_BP),
      })
    )
    .maxLength(MAX_SHAREHOLDERS)
    .optional(),
})
