/*
 * The people, agencies and catalog of the test market: one owner, eight
 * agencies (two from Chongqing; five offer environmental impact assessment
 * ZJ-001, so every selection method can be tried), one regulator and one
 * platform admin, and fifteen catalog items. The records are the reference
 * data of a new installation (database/data); the tests build them with
 * factories (tests/worlds.ts), never through the demo seeder, whose market in
 * motion may change freely, and log in with a password of their own.
 */
import { DEMO_SERVICE_ITEMS, type ServiceItemSeed } from '#database/data/service_items'
import { DEMO_ACCOUNTS, type DemoAccount } from '#database/data/demo_accounts'
import { DEMO_AGENCIES, type DemoAgency } from '#database/data/demo_agencies'

export const WORLD_PASSWORD = 'world-market-2026'

export type WorldServiceItem = ServiceItemSeed
export const WORLD_SERVICE_ITEMS: readonly WorldServiceItem[] = DEMO_SERVICE_ITEMS

export type WorldAccount = DemoAccount
export const WORLD_ACCOUNTS: readonly WorldAccount[] = DEMO_ACCOUNTS

export type WorldAgency = DemoAgency
export const WORLD_AGENCIES: readonly WorldAgency[] = DEMO_AGENCIES
