import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import Organization from '#models/organization'
import { departmentNamed, nextUscc } from '#database/factories/account_factories'

async function runCreateUser(args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  return ace.exec('market:create-user', args)
}

test.group('node ace market:create-user', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates a regulator and its organisation; the account can log in', async ({
    assert,
    client,
  }) => {
    const uscc = nextUscc('11', '511400')
    const command = await runCreateUser([
      '--role=regulator',
      '--email=Inspector@Test.Example.com',
      '--password=a-strong-password',
      '--org-name=眉山市市场监督管理局',
      `--uscc=${uscc}`,
    ])
    assert.equal(command.exitCode, 0)

    const user = await User.findByOrFail('email', 'inspector@test.example.com')
    assert.equal(user.role, 'regulator')
    const organization = await Organization.findOrFail(user.organizationId)
    assert.equal(organization.kind, 'regulator')
    assert.equal(organization.uscc, uscc)

    const login = await client
      .post('/api/v1/auth/tokens')
      .json({ email: 'inspector@test.example.com', password: 'a-strong-password' })
    login.assertStatus(200)
  })

  test('a second admin joins the existing platform organisation of the same USCC', async ({
    assert,
  }) => {
    const uscc = nextUscc('12', '511400')
    const common = [
      '--role=admin',
      '--password=a-strong-password',
      '--org-name=平台',
      `--uscc=${uscc}`,
    ]
    const first = await runCreateUser([...common, '--email=admin1@test.example.com'])
    const second = await runCreateUser([...common, '--email=admin2@test.example.com'])
    assert.equal(first.exitCode, 0)
    assert.equal(second.exitCode, 0)
    assert.lengthOf(await Organization.query().where('uscc', uscc), 1)
  })

  test('a regulator is created in the approval department named; an unknown department creates nothing', async ({
    assert,
  }) => {
    const bureau = await departmentNamed('市生态环境局')
    const created = await runCreateUser([
      '--role=regulator',
      '--email=bureau@test.example.com',
      '--password=a-strong-password',
      '--org-name=眉山市生态环境局',
      `--uscc=${nextUscc('11', '511400')}`,
      '--department=市生态环境局',
    ])
    assert.equal(created.exitCode, 0)
    const user = await User.findByOrFail('email', 'bureau@test.example.com')
    assert.equal(user.departmentId, bureau.id)

    const refused = await runCreateUser([
      '--role=regulator',
      '--email=nowhere@test.example.com',
      '--password=a-strong-password',
      '--org-name=眉山市不存在局',
      `--uscc=${nextUscc('11', '511400')}`,
      '--department=市不存在局',
    ])
    assert.equal(refused.exitCode, 1)
    assert.isNull(await User.findBy('email', 'nowhere@test.example.com'))
  })

  test('refuses a bad USCC and creates nothing', async ({ assert }) => {
    const command = await runCreateUser([
      '--role=admin',
      '--email=admin-bad@test.example.com',
      '--password=a-strong-password',
      '--org-name=平台运营方',
      '--uscc=914403001922038217',
    ])
    assert.equal(command.exitCode, 1)
    assert.isNull(await User.findBy('email', 'admin-bad@test.example.com'))
    const ace = await app.container.make('ace')
    const logs = ace.ui.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(logs, '统一社会信用代码第 18 位校验码不正确')
  })

  test('refuses roles that registration covers (owner, agency)', async ({ assert }) => {
    const command = await runCreateUser([
      '--role=owner',
      '--email=owner-cli@test.example.com',
      '--password=a-strong-password',
      '--org-name=某公司',
      `--uscc=${nextUscc()}`,
    ])
    assert.equal(command.exitCode, 1)
    assert.isNull(await User.findBy('email', 'owner-cli@test.example.com'))
  })
})
