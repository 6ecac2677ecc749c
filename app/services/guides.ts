import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { Marked } from 'marked'

/**
 * 办事指南: the guides for owners and agencies are written once, as Markdown
 * in docs/owners-and-agencies/, and served as pages of the site. The files
 * are the repository's own text (never user input); each is rendered once
 * per process.
 */
export const GUIDES = {
  owners: 'docs/owners-and-agencies/owners.md',
  agencies: 'docs/owners-and-agencies/agencies.md',
} as const

export type GuideName = keyof typeof GUIDES

export function isGuideName(name: string): name is GuideName {
  return Object.hasOwn(GUIDES, name)
}

/** Links between the guides point at their pages; other documents at nothing. */
const PAGE_OF_DOCUMENT: Record<string, string> = {
  'owners.md': '/guide/owners',
  'agencies.md': '/guide/agencies',
}

const marked = new Marked({
  gfm: true,
  walkTokens(token) {
    if (token.type === 'link') token.href = PAGE_OF_DOCUMENT[token.href] ?? token.href
  },
  renderer: {
    // The guides hold no markup of their own: any HTML in them is shown as text.
    html({ text }) {
      return escapeHtml(text)
    },
  },
})

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const rendered = new Map<GuideName, Promise<{ title: string; html: string }>>()

/** Markdown of a guide as HTML; links between guides lead to their pages. */
export function renderMarkdown(markdown: string) {
  return marked.parse(markdown)
}

/** The guide's title (its first heading) and its body as HTML. */
export function renderGuide(name: GuideName) {
  let guide = rendered.get(name)
  if (!guide) {
    guide = readFile(app.makePath(GUIDES[name]), 'utf8').then(async (markdown) => {
      const title = /^#\s+(.+)$/m.exec(markdown)?.[1].trim() ?? name
      const body = markdown.replace(/^#\s+.+$/m, '')
      return { title, html: await renderMarkdown(body) }
    })
    rendered.set(name, guide)
  }
  return guide
}
