import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import { registerAccount } from '#actions/accounts/register_account'
import { DEMO_SERVICE_ITEMS } from '#database/data/service_items'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#database/data/demo_accounts'

/**
 * Realistic demo content for a new installation. Runs only on an empty market
 * so that it never touches real data.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    if (await Organization.query().first()) return

    const effectiveDate = DateTime.utc().startOf('day')
    await ServiceItem.createMany(
      DEMO_SERVICE_ITEMS.map((item) => ({
        ...item,
        status: 'active',
        version: 1,
        changeReason: '首次发布',
        effectiveDate,
      }))
    )

    for (const account of DEMO_ACCOUNTS) {
      await registerAccount({ ...account, password: DEMO_PASSWORD })
    }
  }
}
