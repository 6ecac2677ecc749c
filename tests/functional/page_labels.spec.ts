// Assertions read best as `(await client.get(…)).text()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole } from '#database/factories/account_factories'
import { createServiceItem } from '#actions/catalog/publish_service_item'
import { serviceItemPayload, testDepartment } from '#tests/helpers'

test.group('Labels say what they mean', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person’s type is “人员类型”, not an account type, on the owner’s and the agency’s forms', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const agency = await createUserWithRole('agency')
    for (const html of [
      (await client.get('/owner/persons').loginAs(owner)).text(),
      (await client.get('/agency/profile').loginAs(agency)).text(),
    ]) {
      assert.include(html, '人员类型')
      assert.notInclude(html, '账户类型')
    }
  })

  test('an item that needs a qualification is marked in words; “*” is left to required fields', async ({
    client,
    assert,
  }) => {
    await testDepartment()
    const item = await createServiceItem(
      serviceItemPayload({ qualificationType: 'engineering_consulting' }) as any,
      null
    )
    const agency = await createUserWithRole('agency')
    const html = (await client.get('/agency/profile').loginAs(agency)).text()
    assert.match(
      html,
      new RegExp(`${item.name}\\s*<span class="tag tag-qualification">需资质</span>`)
    )
    assert.notInclude(html, `${item.name} *`)
  })
})
