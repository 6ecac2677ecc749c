import vine from '@vinejs/vine'
import { ORGANIZATION_KINDS } from '#domain/roles'

/** Filters and pagination of the regulators' organisation list. */
export const listOrganizationsValidator = vine.create({
  kind: vine.enum(ORGANIZATION_KINDS).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
