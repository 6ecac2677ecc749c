import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { MAX_FEN } from '#domain/money'
import { MAX_TEAM_SIZE } from '#domain/named_team'
import { MAX_CONSORTIUM_MEMBERS } from '#domain/consortium'

/**
 * An agency's quote in fen (the random method takes a quote too, within the
 * bounds), optional consortium members (联合中介) each with its sub-item, and
 * the service plan the owner scores in the scored method.
 */
/** A consortium member's own persons on the team (its practitioners' ids). */
const memberPractitionerIds = () =>
  vine.array(vine.number().withoutDecimals().min(1)).maxLength(MAX_TEAM_SIZE).optional()

export const placeBidValidator = labelled(
  'bid',
  vine.create({
    quoteFen: vine.number().withoutDecimals().min(1).max(MAX_FEN),
    consortium: vine
      .array(
        vine.object({
          agencyId: vine.number().withoutDecimals().min(1),
          itemCode: vine.string().trim().toUpperCase().maxLength(32),
          practitionerIds: memberPractitionerIds(),
        })
      )
      .maxLength(MAX_CONSORTIUM_MEMBERS)
      .optional(),
    servicePlan: vine.string().trim().maxLength(20_000).optional(),
    ...namedTeam(),
  })
)

/**
 * 项目负责人 and team: practitioner ids of the agency (the lead is required
 * when the item requires a qualification: checked by the action).
 */
function namedTeam() {
  return {
    leadPractitionerId: vine.number().withoutDecimals().min(1).nullable().optional(),
    teamPractitionerIds: vine
      .array(vine.number().withoutDecimals().min(1))
      .maxLength(MAX_TEAM_SIZE)
      .optional(),
  }
}

/** Direct selection: the named agency accepts at a price (the ceiling when none is given). */
export const acceptDirectValidator = labelled(
  'bid',
  vine.create({
    quoteFen: vine.number().withoutDecimals().min(1).max(MAX_FEN).optional(),
    ...namedTeam(),
  })
)

/** Declining a direct selection, with an optional reason shown to the owner. */
export const declineDirectValidator = vine.create({
  reason: vine.string().trim().maxLength(2000).optional(),
})

/** A member declining a lead's consortium request, with an optional reason shown to the lead. */
export const declineMembershipValidator = vine.create({
  reason: vine.string().trim().maxLength(2000).optional(),
})

/**
 * The agency's bid form: the quote in yuan, the service plan for the scored
 * method, and consortium members (联合中介) as the page names them — the
 * agency by name or USCC (matched by the action), its sub-item and its
 * persons. A blank row is the form's spare one.
 */
export const bidFormValidator = labelled(
  'bid',
  vine.create({
    quoteYuan: vine
      .number()
      .min(0.01)
      .max(MAX_FEN / 100)
      .decimal([0, 2]),
    servicePlan: vine.string().trim().maxLength(20_000).optional(),
    consortium: vine
      .array(
        vine.object({
          agency: vine.string().trim().maxLength(200).optional(),
          itemCode: vine
            .string()
            .trim()
            .toUpperCase()
            .maxLength(32)
            .optional()
            .requiredIfExists('agency'),
          practitionerIds: memberPractitionerIds(),
        })
      )
      .maxLength(MAX_CONSORTIUM_MEMBERS)
      .optional(),
    ...namedTeam(),
  })
)

/** Accepting a direct selection from the page: the price in yuan (the ceiling when empty). */
export const acceptDirectFormValidator = labelled(
  'bid',
  vine.create({
    quoteYuan: vine
      .number()
      .min(0.01)
      .max(MAX_FEN / 100)
      .decimal([0, 2])
      .optional(),
    ...namedTeam(),
  })
)
