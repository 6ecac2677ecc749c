/*
 * Bouncer abilities that are not about one model. Authorization lives in one
 * policy per model (app/policies); what spans the whole market is here.
 */
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'

/** The market's figures (analytics, signals) are for regulators and the platform's staff. */
export const viewMarketAnalytics = Bouncer.ability((user: User) =>
  ['regulator', 'admin'].includes(user.role)
)
