// Answers are checked where they arrive: `validate(schema, (await client.get(...)).body())`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import User from '#models/user'
import { LEGACY_ROUTES } from '#open_api/legacy_routes'
import { createUserWithRole } from '#database/factories/account_factories'

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module
const addFormats = addFormatsModule.default ?? addFormatsModule

/** Every method + path of the router under /api/v1, as the document spells them. */
function apiRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/api/v1/'))
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method.toLowerCase()} ${route.pattern.replace(/:(\w+)/g, '{$1}')}`)
    )
}

function operationsOf(document: any) {
  return Object.entries<Record<string, any>>(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method} ${path}`,
      path,
      operation,
    }))
  )
}

test.group('OpenAPI document', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('GET /api/v1/openapi.json describes every /api/v1 route of the router, and no route that does not exist', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const documented = operationsOf(response.body()).map(({ key }) => key)

    const routes = apiRoutes()
    assert.isAbove(routes.length, 70)
    assert.deepEqual(
      routes.filter((route) => !documented.includes(route)),
      [],
      'routes missing from the OpenAPI document'
    )
    assert.deepEqual(
      documented.filter((key) => !routes.includes(key)),
      [],
      'documented operations without a route'
    )
  })

  test('the document holds together: every operation answers, every $ref resolves, path parameters are declared, errors follow access', async ({
    client,
    assert,
  }) => {
    const document = (await client.get('/api/v1/openapi.json')).body()
    assert.equal(document.openapi, '3.1.0')
    assert.properties(document.info, ['title', 'version', 'description'])
    const tags = document.tags.map((tag: { name: string }) => tag.name)

    const ids = new Set<string>()
    for (const { key, path, operation } of operationsOf(document)) {
      assert.isFalse(ids.has(operation.operationId), `${key}: duplicate operationId`)
      ids.add(operation.operationId)
      assert.include(tags, operation.tags[0], `${key}: unknown tag`)
      assert.isNotEmpty(operation.summary, `${key}: summary`)
      const statuses = Object.keys(operation.responses)
      assert.isTrue(
        statuses.some((status) => /^2\d\d$/.test(status)),
        `${key}: no success answer`
      )

      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort()
      const declared = (operation.parameters ?? [])
        .filter((parameter: any) => parameter.in === 'path')
        .map((parameter: any) => parameter.name)
        .sort()
      assert.deepEqual(declared, templated, `${key}: path parameters`)

      if (operation.security.length > 0) assert.includeMembers(statuses, ['401', '403'], key)
      if (templated.length > 0) assert.include(statuses, '404', key)
      if (operation.requestBody) assert.include(statuses, '422', key)
      if (!key.includes('webhooks')) assert.include(statuses, '429', key)
    }

    const refs: string[] = []
    const collect = (node: unknown) => {
      if (!node || typeof node !== 'object') return
      for (const [keyword, value] of Object.entries(node)) {
        if (keyword === '$ref' && typeof value === 'string') refs.push(value)
        else collect(value)
      }
    }
    collect(document)
    assert.isAbove(refs.length, 50)
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<any>((node, segment) => node?.[segment], document)
      assert.exists(target, `${ref} does not resolve`)
    }
  })

  test('every API route has a name under api.v1, and the old paths are named legacy twins of the new ones, with the same handler', ({
    assert,
  }) => {
    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/api/v1/'))
    assert.deepEqual(
      routes.filter((route) => !route.name?.startsWith('api.v1.')).map((route) => route.pattern),
      [],
      'unnamed API routes'
    )
    const find = (method: string, path: string) =>
      routes.find((route) => route.pattern === path && route.methods.includes(method.toUpperCase()))
    for (const legacy of LEGACY_ROUTES) {
      const old = find(legacy.method, legacy.path)
      const current = find(legacy.current.method, legacy.current.path)
      assert.exists(old, `${legacy.method} ${legacy.path}: no route`)
      assert.exists(current, `${legacy.current.method} ${legacy.current.path}: no route`)
      assert.equal(old!.name, `${current!.name}.legacy`, legacy.path)
      const handlerOf = (route: typeof old) => {
        const handler = route!.handler as { method: string; reference: unknown[] }
        return [handler.reference[0], handler.method]
      }
      assert.deepEqual(handlerOf(old), handlerOf(current), `${legacy.path}: another handler`)
    }
    assert.lengthOf(
      routes.filter((route) => route.name?.endsWith('.legacy')),
      LEGACY_ROUTES.length,
      'every legacy route is listed in app/open_api/legacy_routes.ts'
    )
  })

  test('old paths are deprecated in the document, point at the new ones, and are listed for integrators', async ({
    client,
    assert,
  }) => {
    const document = (
      await client.get('/api/v1/openapi.json').withPlainCookie('locale', 'en')
    ).body()
    const guide = await readFile(app.makePath('docs/integrators/api-routes.md'), 'utf8')
    const deprecated = operationsOf(document).filter(({ operation }) => operation.deprecated)
    assert.lengthOf(deprecated, LEGACY_ROUTES.length)
    for (const legacy of LEGACY_ROUTES) {
      const operation = document.paths[legacy.path.replace(/:(\w+)/g, '{$1}')][legacy.method]
      const replacement = `${legacy.current.method.toUpperCase()} ${legacy.current.path.replace(/:(\w+)/g, '{$1}')}`
      assert.isTrue(operation.deprecated, legacy.path)
      assert.include(operation.description, `use ${replacement} instead`)
      assert.include(
        guide,
        `| \`${legacy.method.toUpperCase()} ${legacy.path}\``,
        `${legacy.path} missing from docs/integrators/api-routes.md`
      )
      assert.include(guide, `\`${legacy.current.method.toUpperCase()} ${legacy.current.path}\``)
    }
  })

  test('real answers match their documented schemas, and request schemas come from the validators', async ({
    client,
    assert,
  }) => {
    const document = (await client.get('/api/v1/openapi.json')).body()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    ajv.addSchema(document, 'openapi.json')
    const validate = (pointer: string, data: unknown) => {
      const check = ajv.compile({ $ref: `openapi.json#${pointer}` })
      assert.isTrue(check(data), `${pointer}: ${ajv.errorsText(check.errors)}`)
    }
    const body = (path: string, method: string, status: string) =>
      `/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}/content/application~1json/schema`

    const user = await createUserWithRole('agency')
    const token = (await User.accessTokens.create(user, ['*'])).value!.release()
    validate(
      body('/api/v1/me', 'get', '200'),
      (await client.get('/api/v1/me').bearerToken(token)).body()
    )
    const created = await client.post('/api/v1/tokens').bearerToken(token).json({ name: 'sync' })
    validate(body('/api/v1/tokens', 'post', '201'), created.body())
    validate(
      body('/api/v1/tokens', 'get', '200'),
      (await client.get('/api/v1/tokens').bearerToken(token)).body()
    )
    validate('/components/schemas/Error', (await client.get('/api/v1/me')).body())
    validate(
      '/components/schemas/ValidationError',
      (await client.post('/api/v1/tokens').bearerToken(token).json({})).body()
    )

    const tokenBody =
      document.paths['/api/v1/tokens'].post.requestBody.content['application/json'].schema
    assert.deepEqual(tokenBody.required, ['name'])
    assert.deepEqual(tokenBody.properties.abilities.items, { enum: ['read', 'write'] })
    assert.notProperty(tokenBody, 'additionalProperties')
    const calendarDay =
      document.paths['/api/v1/admin/calendar/{day}'].put.requestBody.content['application/json']
        .schema
    assert.notProperty(calendarDay.properties, 'day')
    assert.deepEqual(document.paths['/api/v1/tokens'].post.security, [{ bearerAuth: ['write'] }])
  })
})

test.group('API documentation page', () => {
  test('/api-docs shows every operation grouped by tag, Chinese first, English on request, linked from the footer', async ({
    client,
  }) => {
    const page = await client.get('/api-docs')
    page.assertStatus(200)
    page.assertTextIncludes('API 文档')
    page.assertTextIncludes('账户与访问令牌')
    page.assertTextIncludes('/api/v1/projects/{id}/bids')
    page.assertTextIncludes('创建访问令牌')
    page.assertTextIncludes('请求正文')
    page.assertTextIncludes('expiresInDays')
    page.assertTextIncludes('consortium[].agencyId')
    page.assertTextIncludes('Retry-After')
    page.assertTextIncludes('href="/api/v1/openapi.json"')

    const english = await client.get('/api-docs').withPlainCookie('locale', 'en')
    english.assertTextIncludes('Accounts and access tokens')
    english.assertTextIncludes('Request body')

    const home = await client.get('/')
    home.assertTextIncludes('href="/api-docs"')
  })
})
