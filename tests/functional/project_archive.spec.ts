// Assertions read best as `(await db.from(…)).length`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { createPublicKey } from 'node:crypto'
import { createUserWithRole } from '#database/factories/account_factories'
import type User from '#models/user'
import { runTick } from '#actions/market_tick'
import { signedContract } from '#tests/payment_fixtures'
import { resetStripeMock } from '#tests/stripe'
import { sha256Hex, verifyArchive } from '#domain/project_archive'
import { ApiRequest } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readZip, writeZip } from '#domain/zip_archive'

// A ZIP answer is read as its bytes.
ApiRequest.addParser('application/zip', (response: any, callback: any) => {
  const chunks: Buffer[] = []
  response.on('data', (chunk: Buffer) => chunks.push(chunk))
  response.on('end', () => callback(null, Buffer.concat(chunks)))
})

const api = (client: any, url: string, user: User) => client.get(url).withGuard('api').loginAs(user)

/** A project whose contract the owner terminated by agreement and the agency agreed: it is closed. */
async function closedProject(client: any) {
  const world = await signedContract()
  const url = `/api/v1/contracts/${world.contract.id}`
  const ended = await client
    .post(`${url}/terminate`)
    .json({ ground: 'agreement', statement: '项目取消建设，双方协商一致解除' })
    .withGuard('api')
    .loginAs(world.owner)
  ended.assertStatus(200)
  const agreed = await client
    .post(`${url}/termination/agree`)
    .withGuard('api')
    .loginAs(world.agency)
  agreed.assertStatus(200)
  return world
}

test.group('The electronic archive (电子档案) of a closed project', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetStripeMock())

  test('a project whose termination is settled gets exactly one archive, however often the tick runs', async ({
    client,
    assert,
  }) => {
    const { projectId, owner } = await closedProject(client)
    const before = await api(client, `/api/v1/projects/${projectId}/archive`, owner)
    before.assertStatus(409)

    const first = await runTick()
    assert.isAtLeast(first.archivesSealed, 1)
    assert.equal(first.errors, 0)
    await runTick()
    const archives = await db.from('project_archives').where('project_id', projectId)
    assert.lengthOf(archives, 1)
    const [archive] = archives
    assert.equal(archive.project_status, 'terminated')
    const stored = new Uint8Array(await drive.use().getBytes(archive.file_key))
    assert.equal(sha256Hex(stored), archive.sha256)
    const sealed = await db
      .from('audit_events')
      .where('subject_type', 'project')
      .where('subject_id', String(projectId))
      .where('action', 'project.archive_sealed')
    assert.lengthOf(sealed, 1)
  })

  test('the parties download the archive (page and API) and it verifies with the published seal key; outsiders are refused', async ({
    client,
    assert,
  }) => {
    const { projectId, owner, agency, contract } = await closedProject(client)
    await runTick()
    const archive = await db.from('project_archives').where('project_id', projectId).firstOrFail()

    const pem = await client.get('/api/v1/pki/archive-seal.pem')
    pem.assertStatus(200)
    const publicKey = createPublicKey(pem.text())

    const page = await client.get(`/projects/${projectId}/archive`).loginAs(owner)
    page.assertStatus(200)
    assert.equal(page.header('content-type'), 'application/zip')
    assert.equal(page.header('x-archive-sha256'), archive.sha256)
    const zip = new Uint8Array(page.body())
    assert.equal(sha256Hex(zip), archive.sha256)
    const { manifest, problems } = verifyArchive(zip, publicKey)
    assert.deepEqual(problems, [])
    const paths = manifest!.files.map((file) => file.path)
    for (const expected of [
      'announcement.json',
      'bids/receipts.json',
      'opening/draw.json',
      'result/objections.json',
      `contract/${contract.id}/text-of-record.txt`,
      `contract/${contract.id}/signatures.json`,
      `contract/${contract.id}/termination.json`,
      `contract/${contract.id}/payments.json`,
      'audit/events.json',
    ]) {
      assert.include(paths, expected)
    }

    const byAgency = await api(client, `/api/v1/projects/${projectId}/archive`, agency)
    byAgency.assertStatus(200)
    const regulator = await createUserWithRole('regulator')
    ;(await api(client, `/api/v1/projects/${projectId}/archive`, regulator)).assertStatus(200)
    for (const outsider of [
      await createUserWithRole('owner'),
      await createUserWithRole('agency'),
    ]) {
      const refused = await api(client, `/api/v1/projects/${projectId}/archive`, outsider)
      refused.assertStatus(403)
      assert.notInclude(refused.text(), archive.sha256)
    }
    const visitor = await client.get(`/api/v1/projects/${projectId}/archive`)
    visitor.assertStatus(401)
    // The project page links the archive for the parties only.
    const ownerPage = await client.get(`/projects/${projectId}`).loginAs(owner)
    assert.include(ownerPage.text(), '下载电子档案')
    const publicPage = await client.get(`/projects/${projectId}`)
    assert.notInclude(publicPage.text(), '下载电子档案')
  })

  test('archive:verify checks a downloaded archive offline against the published key and names a changed file', async ({
    client,
    assert,
  }) => {
    const { projectId } = await closedProject(client)
    await runTick()
    const archive = await db.from('project_archives').where('project_id', projectId).firstOrFail()
    const zip = new Uint8Array(await drive.use().getBytes(archive.file_key))
    const folder = await mkdtemp(join(tmpdir(), 'archive-verify-'))
    const pem = join(folder, 'seal.pem')
    await writeFile(pem, (await client.get('/api/v1/pki/archive-seal.pem')).text())
    const intact = join(folder, 'intact.zip')
    await writeFile(intact, zip)
    const read = readZip(zip)
    if (!read.ok) throw new Error('unreadable')
    const target = read.parts.find((part) => part.name === 'opening/draw.json')!
    target.bytes = new TextEncoder().encode(
      new TextDecoder().decode(target.bytes).replace('"round": 1', '"round": 2')
    )
    const changed = join(folder, 'changed.zip')
    await writeFile(changed, writeZip(read.parts))

    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const good = await ace.exec('archive:verify', [intact, '--key', pem])
    assert.equal(good.exitCode, 0)
    // The manifest carries a timestamp (RFC 3161) from the time-stamping authority.
    assert.isTrue(
      good.ui.logger
        .getLogs()
        .some((log: { message: string }) => log.message.includes('Timestamped 20'))
    )
    const bad = await ace.exec('archive:verify', [changed, '--key', pem])
    assert.equal(bad.exitCode, 1)
    assert.isTrue(
      bad.ui.logger
        .getLogs()
        .some((log: { message: string }) => log.message.includes('Changed: opening/draw.json'))
    )
  })
})
