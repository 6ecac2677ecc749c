import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import { WORLD_SERVICE_ITEMS } from '#tests/world_data'

test.group('Home page and language', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the home page is in Chinese and shows the live figures of the demo market', async ({
    client,
  }) => {
    await marketWorld()
    const response = await client.get('/')
    response.assertStatus(200)
    response.assertTextIncludes('<html lang="zh-CN">')
    response.assertTextIncludes('网上中介服务超市')
    response.assertTextIncludes(`data-figure="service-items">${WORLD_SERVICE_ITEMS.length}<`)
    response.assertTextIncludes('data-figure="agencies">8<')
    response.assertTextIncludes('data-figure="owners">1<')
    response.assertTextIncludes('环境影响报告书')
  })

  test('the language switch turns the pages into English and back', async ({ client }) => {
    const switched = await client
      .post('/locale')
      .form({ locale: 'en' })
      .header('referer', '/')
      .withCsrfToken()
      .redirects(0)
    switched.assertStatus(302)
    const cookie = switched.cookie('locale')
    if (!cookie) throw new Error('the locale cookie was not set')

    const english = await client.get('/').withPlainCookie('locale', 'en')
    english.assertTextIncludes('<html lang="en">')
    english.assertTextIncludes('Intermediary Service Marketplace')

    const chinese = await client.get('/').withPlainCookie('locale', 'zh-CN')
    chinese.assertTextIncludes('<html lang="zh-CN">')
  })

  test('an unsupported language is ignored', async ({ client }) => {
    const response = await client.get('/').withPlainCookie('locale', 'xx')
    response.assertTextIncludes('<html lang="zh-CN">')
  })
})
