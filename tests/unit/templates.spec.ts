/*
 * The project and contract pages ask the actions presenters
 * (app/presenters/project_actions.ts, contract_actions.ts) what may happen
 * next; their templates never re-derive a market rule by
 * comparing a state, a stage, a selection method or a role.
 */
import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FOLDERS = [
  'resources/views/pages/projects',
  'resources/views/partials/project',
  'resources/views/pages/contracts',
]
const RULE_COMPARISONS = [
  /status\s*[!=]==/,
  /stage\s*[!=]==/,
  /method\s*[!=]==/,
  /\.role\s*[!=]==/,
  /\.includes\(\s*(project|contract)\.(status|stage|method)/,
]

/** Flags the lines of a template that compare a rule's input; empty when it only reads answers. */
export function ruleComparisons(source: string) {
  return source
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter(({ text }) => RULE_COMPARISONS.some((pattern) => pattern.test(text)))
}

test.group('Templates', () => {
  test('the check flags a state, stage, method or role compared in a template', ({ assert }) => {
    assert.lengthOf(ruleComparisons(`@if(project.status === 'draft')`), 1)
    assert.lengthOf(ruleComparisons(`@if(contract.status !== 'signed')`), 1)
    assert.lengthOf(ruleComparisons(`@if(project.stage === 'pick')`), 1)
    assert.lengthOf(ruleComparisons(`@if(project.method === 'scored')`), 1)
    assert.lengthOf(ruleComparisons(`@let(isAgency = viewer && viewer.role === 'agency')`), 1)
    assert.lengthOf(ruleComparisons(`@if(['draft'].includes(project.status))`), 1)
    assert.lengthOf(ruleComparisons(`@if(actions.cancel)\n{{ t('x.' + project.status) }}`), 0)
  })

  test('the project and contract pages and their partials compare no state, stage, method or role', async ({
    assert,
  }) => {
    const found: string[] = []
    for (const folder of FOLDERS) {
      const entries = await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true })
      for (const entry of entries.filter((file) => file.name.endsWith('.edge'))) {
        const file = join(entry.parentPath, entry.name)
        for (const { line, text } of ruleComparisons(await readFile(file, 'utf8'))) {
          found.push(`${relative(ROOT, file)}:${line} ${text}`)
        }
      }
    }
    assert.deepEqual(found, [])
  })
})
