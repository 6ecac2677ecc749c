/*
 * Atom 1.0 (RFC 4287) documents, written by hand: a feed is a handful of
 * elements, and every text goes through xmlText so that whatever an owner
 * types in a title stays text.
 */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'

export type AtomEntry = {
  id: string
  title: string
  updated: string
  published: string
  link: string
  summary: string
  author: string
  category: { term: string; label: string }
}

export type AtomFeed = {
  id: string
  title: string
  subtitle: string
  updated: string
  selfLink: string
  alternateLink: string
  author: { name: string; uri: string }
  entries: AtomEntry[]
}

/** Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/FFFF) are dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text for element content and attribute values (quotes escaped too). */
export function xmlText(value: string) {
  return value
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

function element(name: string, text: string, attributes = '') {
  return `<${name}${attributes}>${xmlText(text)}</${name}>`
}

function link(rel: string, type: string, href: string) {
  return `<link rel="${rel}" type="${type}" href="${xmlText(href)}"/>`
}

export function renderAtomFeed(feed: AtomFeed) {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  ${element('id', feed.id)}`,
    `  ${element('title', feed.title, ' type="text"')}`,
    `  ${element('subtitle', feed.subtitle, ' type="text"')}`,
    `  ${element('updated', feed.updated)}`,
    `  ${link('self', 'application/atom+xml', feed.selfLink)}`,
    `  ${link('alternate', 'text/html', feed.alternateLink)}`,
    `  <author>${element('name', feed.author.name)}${element('uri', feed.author.uri)}</author>`,
  ]
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    ${element('id', entry.id)}`,
      `    ${element('title', entry.title, ' type="text"')}`,
      `    ${element('updated', entry.updated)}`,
      `    ${element('published', entry.published)}`,
      `    ${link('alternate', 'text/html', entry.link)}`,
      `    <category term="${xmlText(entry.category.term)}" label="${xmlText(entry.category.label)}"/>`,
      `    <author>${element('name', entry.author)}</author>`,
      `    ${element('summary', entry.summary, ' type="text"')}`,
      '  </entry>'
    )
  }
  lines.push('</feed>', '')
  return lines.join('\n')
}
