import { test } from '@japa/runner'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * The README and docs/ are read on GitHub and in a checkout: every relative
 * link must reach a file of the repository (and a heading of it, when the link
 * names one), and the operators' configuration page must name every variable
 * the application reads.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return markdownFiles(path)
    return name.endsWith('.md') ? [path] : []
  })
}

const DOCUMENTS = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))]

/** The text outside code blocks and code spans, where links are links. */
function prose(markdown: string) {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
}

/** The anchors GitHub gives a document's headings. */
function anchorsOf(markdown: string) {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const [, heading] of markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** Every relative link of a document: [text](target). */
function relativeLinks(markdown: string) {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
}

test.group('Documentation', () => {
  test('the README and every document under docs/ exist', ({ assert }) => {
    for (const folder of [
      'owners-and-agencies',
      'regulators',
      'operators',
      'integrators',
      'contributors',
    ]) {
      assert.isTrue(existsSync(join(ROOT, 'docs', folder, 'README.md')), `docs/${folder}/README.md`)
    }
  })

  test('every relative link of README.md and docs/ reaches a file of the repository and its heading', ({
    assert,
  }) => {
    const broken: string[] = []
    for (const document of DOCUMENTS) {
      const text = readFileSync(document, 'utf8')
      for (const link of relativeLinks(text)) {
        const [path, anchor] = link.split('#')
        const target = path === '' ? document : resolve(dirname(document), decodeURI(path))
        const where = `${relative(ROOT, document)} → ${link}`
        if (relative(ROOT, target).startsWith('..'))
          broken.push(`${where} (outside the repository)`)
        else if (!existsSync(target)) broken.push(`${where} (no such file)`)
        else if (anchor && target.endsWith('.md')) {
          if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor))
            broken.push(`${where} (no such heading)`)
        }
      }
    }
    assert.deepEqual(broken, [])
  })

  test('links are read outside code only, and headings get the anchors GitHub gives them', ({
    assert,
  }) => {
    assert.deepEqual(relativeLinks('[a](b.md) [c](https://x.example) `[d](e.md)` [f](#g)'), [
      'b.md',
      '#g',
    ])
    assert.isTrue(anchorsOf('## 1. One machine').has('1-one-machine'))
    assert.isTrue(
      anchorsOf('## Market rule parameters: versions and the public change log').has(
        'market-rule-parameters-versions-and-the-public-change-log'
      )
    )
    assert.isFalse(anchorsOf('## Tests').has('test'))
  })

  test('the configuration page names every environment variable the application reads', ({
    assert,
  }) => {
    const schema = readFileSync(join(ROOT, 'start/env.ts'), 'utf8')
    const variables = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):\s*Env\.schema/gm)].map(
      ([, name]) => name
    )
    assert.isAbove(variables.length, 40)
    const page = readFileSync(join(ROOT, 'docs/operators/configuration.md'), 'utf8')
    assert.deepEqual(
      variables.filter((name) => !page.includes(`\`${name}\``)),
      []
    )
  })
})
