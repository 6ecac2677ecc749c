import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import i18nManager from '@adonisjs/i18n/services/main'
import { auditActionName, auditSummary } from '#presenters/audit_event'

const APP = fileURLToPath(new URL('../../app/', import.meta.url))

/** Every audit action the code can write: literals, both arms of a choice, and the templated ones. */
async function auditActionsInCode() {
  const actions = new Set(['consortium.member_confirmed', 'consortium.member_declined'])
  actions.add('selection.awaiting_plan_scores').add('selection.awaiting_pick')
  const files = await readdir(APP, { recursive: true, withFileTypes: true })
  for (const file of files.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))) {
    const source = await readFile(join(file.parentPath, file.name), 'utf8')
    if (!source.includes('recordAuditEvent') && !source.includes('audit(trx')) continue
    for (const match of source.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) actions.add(match[1])
    for (const match of source.matchAll(/action: [^,\n]+\? '([a-z_.]+)' : '([a-z_.]+)'/g)) {
      actions.add(match[1]).add(match[2])
    }
    for (const match of source.matchAll(/audit\(trx, '([a-z_.]+)'/g)) actions.add(match[1])
  }
  return [...actions].sort()
}

test.group('Audit log presenter', () => {
  test('every event the market records has a Chinese name', async ({ assert }) => {
    const i18n = i18nManager.locale('zh-CN')
    const actions = await auditActionsInCode()
    assert.isAbove(actions.length, 90)
    const unnamed = actions.filter((action) => auditActionName(i18n, action) === action)
    assert.deepEqual(unnamed, [])
  })

  test('an unknown event keeps its code, and an unreadable payload gives no summary', ({
    assert,
  }) => {
    const i18n = i18nManager.locale('zh-CN')
    assert.equal(auditActionName(i18n, 'project.forged'), 'project.forged')
    assert.deepEqual(auditSummary(i18n, 'not json'), [])
    assert.deepEqual(auditSummary(i18n, '[1,2]'), [])
  })

  test('amounts in fen read as yuan, states and roles in Chinese, lists joined, unknown keys as written', ({
    assert,
  }) => {
    const i18n = i18nManager.locale('zh-CN')
    const summary = auditSummary(
      i18n,
      JSON.stringify({
        amountFen: 1_234_500,
        from: 'published',
        role: 'agency',
        bidIds: [3, 5],
        urgent: true,
        somethingNew: 'x',
      })
    )
    assert.deepEqual(summary, [
      { label: '金额', value: '¥12,345.00' },
      { label: '原状态', value: '公告中' },
      { label: '角色', value: '中介机构' },
      { label: '报名编号', value: '3、5' },
      { label: 'urgent', value: '是' },
      { label: 'somethingNew', value: 'x' },
    ])
  })
})
