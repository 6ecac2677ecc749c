import { test } from '@japa/runner'

test.group('办事指南: the guides for owners and agencies', () => {
  test('each guide is a page of the site, titled by its first heading, its tables and lists rendered', async ({
    client,
    assert,
  }) => {
    const owners = await client.get('/guide/owners')
    owners.assertStatus(200)
    assert.include(owners.text(), '<h1>项目业主办事指南</h1>')
    assert.include(owners.text(), '<table>')
    assert.include(owners.text(), '<h2>一、注册</h2>')
    assert.include(owners.text(), 'aria-current="page"')

    const agencies = await client.get('/guide/agencies')
    agencies.assertStatus(200)
    assert.include(agencies.text(), '<h1>中介机构办事指南</h1>')
  })

  test('the home page and every footer lead to the guides; an unknown guide is 404', async ({
    client,
    assert,
  }) => {
    const home = await client.get('/')
    assert.include(home.text(), 'href="/guide/owners"')
    assert.include(home.text(), 'href="/guide/agencies"')
    const catalog = await client.get('/service-items')
    assert.include(catalog.text(), 'href="/guide/owners"')
    const unknown = await client.get('/guide/readme')
    unknown.assertStatus(404)
    const traversal = await client.get('/guide/..%2F..%2Fpackage.json')
    traversal.assertStatus(404)
  })
})
