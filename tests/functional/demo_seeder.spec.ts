import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { DEMO_ACCOUNTS } from '#database/data/demo_accounts'
import { DEMO_SERVICE_ITEMS } from '#database/data/service_items'
import { isValidUscc } from '#domain/uscc'

/* The demo content of a new installation; no other spec depends on it. */
test.group('Demo seeder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo seeder writes at least 12 service items and valid USCCs, only into an empty market', async ({
    assert,
  }) => {
    assert.isAtLeast(DEMO_SERVICE_ITEMS.length, 12)
    for (const account of DEMO_ACCOUNTS) assert.isTrue(isValidUscc(account.uscc), account.orgName)

    await new DemoSeeder(db.connection()).run()
    await new DemoSeeder(db.connection()).run()
    const [{ total }] = await db.from('organizations').count('* as total')
    assert.equal(Number(total), DEMO_ACCOUNTS.length)
  })
})
