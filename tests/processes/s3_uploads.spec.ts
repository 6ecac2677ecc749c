import { test } from '@japa/runner'
import S3rver from 's3rver'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WORLD_PASSWORD } from '#tests/worlds'
import { disguisedProgram, textPdf } from '#tests/file_fixtures'
import { dedicatedMarket, startServer, type DedicatedMarket } from '#tests/child_processes'

/*
 * Several instances share uploaded files through an S3-compatible bucket
 * (DRIVE_DISK=s3). A server in a child process is pointed at a
 * local S3 server (s3rver): an announcement's document goes to the bucket,
 * nothing to the local disk, and it is read back byte for byte; a refused
 * upload leaves nothing behind.
 */

const BUCKET = 'market-uploads'
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

async function bucketKeys(s3: S3Client) {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))
  return (listed.Contents ?? []).map((object) => object.Key!)
}

test.group('Uploads on an S3-compatible bucket', (group) => {
  let market: DedicatedMarket
  let bucketServer: S3rver
  let endpoint: string
  let folder: string
  group.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'market-s3-'))
    bucketServer = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(folder, 'bucket'),
      configureBuckets: [{ name: BUCKET, configs: [] }],
    })
    const { port } = await bucketServer.run()
    endpoint = `http://127.0.0.1:${port}`
    market = await dedicatedMarket('s3')
    return async () => {
      await market.drop()
      await bucketServer.close()
      await rm(folder, { recursive: true, force: true })
    }
  })

  test('an announcement document is stored in the bucket, not on the disk, and read back unchanged', async ({
    assert,
  }) => {
    const localDisk = join(folder, 'local-disk')
    const server = await startServer(market, {
      DRIVE_DISK: 's3',
      DRIVE_ROOT: localDisk,
      S3_ENDPOINT: endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      MARKET_CLOCK: '2026-09-29T02:00:00Z',
    })
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: CREDENTIALS,
    })
    try {
      const api = async (method: string, path: string, token: string, body?: string | FormData) => {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${token}`,
            ...(typeof body === 'string' ? { 'Content-Type': 'application/json' } : {}),
          },
          body,
        })
        return { status: response.status, body: (await response.json().catch(() => null)) as any }
      }
      const login = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ email: 'owner@demo.example.com', password: WORLD_PASSWORD }),
      })
      const { token } = (await login.json()) as { token: string }
      const draft = await api(
        'POST',
        '/api/v1/projects',
        token,
        JSON.stringify({
          title: '对象存储检查项目',
          serviceItemCode: 'ZJ-001',
          fundingSource: 'fiscal',
          description: '检查公告文件保存在对象存储中。',
          ceilingPriceFen: 8_000_000,
          method: 'lowest_price',
          deadline: '2026-10-09T04:00:00Z',
        })
      )
      assert.equal(draft.status, 201)

      const upload = async (path: string, name: string) => {
        const form = new FormData()
        form.append('file', new Blob([await readFile(path)]), name)
        return api('POST', `/api/v1/projects/${draft.body.id}/attachments`, token, form)
      }
      const refused = await upload(await disguisedProgram(), 'setup.pdf')
      assert.equal(refused.status, 422)
      assert.deepEqual(await bucketKeys(s3), [])

      const pdfPath = await textPdf('Document kept in the bucket')
      const attached = await upload(pdfPath, '采购文件.pdf')
      assert.equal(attached.status, 201)
      const keys = await bucketKeys(s3)
      assert.lengthOf(keys, 1)
      const onDisk = await readdir(localDisk, { recursive: true }).catch(() => [])
      assert.deepEqual(onDisk, [], 'nothing is written to the local disk')

      const published = await api('POST', `/api/v1/projects/${draft.body.id}/publish`, token)
      assert.equal(published.status, 200)
      const download = await fetch(`${server.url}${attached.body.url}`)
      assert.equal(download.status, 200)
      assert.include(download.headers.get('content-type') ?? '', 'application/pdf')
      const bytes = Buffer.from(await download.arrayBuffer())
      assert.isTrue(bytes.equals(await readFile(pdfPath)), 'the document comes back unchanged')
    } finally {
      await server.kill()
      s3.destroy()
    }
  }).timeout(120_000)
})
