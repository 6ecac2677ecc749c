// What a V8 heap snapshot (.heapsnapshot) holds, largest first: self size by
// node type and constructor name, and the largest strings — to find which
// cache or buffer keeps memory. Usage: node benchmarks/heap_snapshot_top.mjs <file> [rows]
import { readFileSync } from 'node:fs'

const [file, rowsArgument] = process.argv.slice(2)
if (!file) {
  console.error('usage: node benchmarks/heap_snapshot_top.mjs <file.heapsnapshot> [rows]')
  process.exit(2)
}
const rows = Number(rowsArgument ?? 40)
const snapshot = JSON.parse(readFileSync(file, 'utf8'))
const meta = snapshot.snapshot.meta
const fields = meta.node_fields
const width = fields.length
const typeNames = meta.node_types[0]
const typeAt = fields.indexOf('type')
const nameAt = fields.indexOf('name')
const sizeAt = fields.indexOf('self_size')
const { nodes, strings } = snapshot

const byKind = new Map()
const largeStrings = []
let total = 0
for (let index = 0; index < nodes.length; index += width) {
  const type = typeNames[nodes[index + typeAt]]
  const name = strings[nodes[index + nameAt]]
  const size = nodes[index + sizeAt]
  total += size
  const key =
    type === 'object' || type === 'closure' || type === 'native' ? `${type} ${name}` : type
  const entry = byKind.get(key) ?? { count: 0, size: 0 }
  entry.count += 1
  entry.size += size
  byKind.set(key, entry)
  if ((type === 'string' || type === 'concatenated string') && size > 100_000) {
    largeStrings.push({ size, text: name.slice(0, 120) })
  }
}
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1)
console.log(`total self size ${mb(total)} MB in ${nodes.length / width} nodes`)
for (const [key, entry] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, rows)) {
  console.log(`${mb(entry.size).padStart(8)} MB ${String(entry.count).padStart(9)}  ${key}`)
}
if (largeStrings.length > 0) {
  console.log('\nstrings over 100 kB:')
  for (const entry of largeStrings.sort((a, b) => b.size - a.size).slice(0, 20)) {
    console.log(`${mb(entry.size).padStart(8)} MB  ${JSON.stringify(entry.text)}`)
  }
}
