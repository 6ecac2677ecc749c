import { test } from '@japa/runner'
import { GUIDES, renderGuide, renderMarkdown } from '#services/guides'

test.group('Guides', () => {
  test('markup written into a guide is shown as text, never as HTML', async ({ assert }) => {
    const html = await renderMarkdown(
      '说明 <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>'
    )
    assert.notInclude(html, '<script')
    assert.notInclude(html, '<img')
    assert.include(html, '&#60;script&#62;')
  })

  test('links between the guides lead to their pages', async ({ assert }) => {
    const html = await renderMarkdown('见[中介机构办事指南](agencies.md)')
    assert.include(html, 'href="/guide/agencies"')
  })

  test('the guides in the repository render with a title and no markup of their own', async ({
    assert,
  }) => {
    for (const name of Object.keys(GUIDES) as (keyof typeof GUIDES)[]) {
      const guide = await renderGuide(name)
      assert.match(guide.title, /办事指南/)
      assert.notMatch(guide.html, /<script|<iframe|<img/i, name)
    }
  })
})
