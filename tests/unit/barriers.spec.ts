import { test } from '@japa/runner'
import { findBarriers } from '#domain/barriers'

const open = { method: 'random', itemRequiresQualification: false }

test.group('Barriers the seeds forbid', () => {
  test('a plain description passes', ({ assert }) => {
    assert.deepEqual(
      findBarriers(['编制眉山市东坡区道路改造项目环境影响报告表，成果须通过技术评审。'], open),
      []
    )
  })

  test('region restrictions are refused, quoting the words', ({ assert }) => {
    assert.deepEqual(findBarriers(['仅限本地企业报名'], open), [
      { kind: 'region', excerpt: '本地企业' },
    ])
    assert.equal(findBarriers(['投标人须在眉山市注册'], open)[0].kind, 'region')
    assert.equal(findBarriers(['仅限四川省内机构参与'], open)[0].kind, 'region')
  })

  test('capital and headcount thresholds are refused', ({ assert }) => {
    assert.equal(findBarriers(['注册资本不低于500万元'], open)[0].kind, 'capital')
    assert.equal(findBarriers(['专业技术人员不少于20人'], open)[0].kind, 'headcount')
  })

  test('naming an agency is refused except in direct selection', ({ assert }) => {
    const text = ['本项目指定四川某某环境科技有限公司承担']
    assert.equal(findBarriers(text, open)[0].kind, 'named_agency')
    assert.deepEqual(findBarriers(text, { ...open, method: 'direct' }), [])
  })

  test('a qualification is refused when the item requires none, allowed when it does', ({
    assert,
  }) => {
    const text = ['投标人须具备环评甲级资质']
    assert.equal(findBarriers(text, open)[0].kind, 'qualification')
    assert.deepEqual(findBarriers(text, { ...open, itemRequiresQualification: true }), [])
  })
})
