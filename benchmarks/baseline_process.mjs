/*
 * The baseline of `npm run bench` in a process of its own: a bare node:http
 * server with a mysql2 pool answering each URL with the SQL statements the
 * application ran for it (same text and bindings, in the same parallel
 * groups) and a minimal template (string building; JSON for API URLs).
 * Driven over its IPC channel by the bench process:
 *   { type: 'start', mysql, poolSize } → { type: 'listening', port }
 *   { type: 'route', path, groups }    → { type: 'routed' }
 *   { type: 'count' }                  → { type: 'count', count }
 * It ends when its parent goes away. Plain JavaScript (no TypeScript loader).
 */
import { createServer } from 'node:http'
import mysql from 'mysql2/promise'

const routes = new Map()
let pool = null
let count = 0

function escapeHtml(value) {
  const text = value instanceof Date ? value.toISOString() : String(value ?? '')
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** Every result set as an HTML table, values escaped: the least a page template does. */
function minimalPage(results) {
  let html = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>基准</title><body>'
  for (const rows of results) {
    html += '<table>'
    for (const row of rows) {
      html += '<tr>'
      for (const value of Object.values(row)) html += `<td>${escapeHtml(value)}</td>`
      html += '</tr>'
    }
    html += '</table>'
  }
  return `${html}</body></html>`
}

const server = createServer(async (request, response) => {
  const replay = routes.get(request.url ?? '')
  if (!replay) {
    response.writeHead(404).end()
    return
  }
  try {
    const results = []
    for (const group of replay.groups) {
      const answers = await Promise.all(
        group.map((statement) => pool.query(statement.sql, statement.bindings))
      )
      count += group.length
      for (const [rows] of answers) results.push(Array.isArray(rows) ? rows : [rows])
    }
    if (replay.json) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ data: results.at(-1) ?? [] }))
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(minimalPage(results))
    }
  } catch (error) {
    response.writeHead(500).end(String(error))
  }
})

process.on('message', (message) => {
  if (message.type === 'start') {
    pool = mysql.createPool({ ...message.mysql, connectionLimit: message.poolSize })
    server.listen(0, '127.0.0.1', () => {
      process.send({ type: 'listening', port: server.address().port })
    })
  } else if (message.type === 'route') {
    routes.set(message.path, { groups: message.groups, json: message.path.startsWith('/api/') })
    process.send({ type: 'routed' })
  } else if (message.type === 'count') {
    process.send({ type: 'count', count })
  }
})
process.once('disconnect', () => {
  server.close()
  pool?.end().catch(() => {})
  process.exit(0)
})
