import { test } from '@japa/runner'

test.group('Site icons', () => {
  test('browsers find the icon at /favicon.ico and the pages name an SVG one', async ({
    client,
    assert,
  }) => {
    const ico = await client.get('/favicon.ico')
    ico.assertStatus(200)
    assert.match(String(ico.header('content-type')), /icon/)
    const svg = await client.get('/favicon.svg')
    svg.assertStatus(200)
    const home = await client.get('/')
    home.assertTextIncludes('<link rel="icon" href="/favicon.svg" type="image/svg+xml">')
  })
})
