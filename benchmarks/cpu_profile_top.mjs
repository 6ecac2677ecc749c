// Reads a V8 .cpuprofile (node --cpu-prof) and prints the functions with the most
// self time, and the files (packages) they belong to: `node benchmarks/cpu_profile_top.mjs FILE [N]`.
import { readFileSync } from 'node:fs'

const [file, limit = '30'] = process.argv.slice(2)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map()
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + interval)
const byFunction = new Map()
const byPackage = new Map()
let total = 0
for (const [id, ms] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms)
  const where = url.includes('node_modules/')
    ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
    : url.startsWith('file://')
      ? url.replace(/^.*\/(app|start|config|resources)\//, '$1/')
      : url || functionName
  byPackage.set(where, (byPackage.get(where) ?? 0) + ms)
  total += ms
}
const print = (title, map) => {
  console.log(`\n${title} (of ${total.toFixed(0)} ms sampled)`)
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(limit))) {
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`
    )
  }
}
print('Self time by package or file', byPackage)
print('Self time by function', byFunction)

// With a third argument, the call stacks (5 frames) under which that function spends its self time.
const focus = process.argv[4]
if (focus) {
  const parent = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const stacks = new Map()
  for (const [id, ms] of self) {
    if (byId.get(id).callFrame.functionName !== focus) continue
    const frames = []
    let at = parent.get(id)
    while (at !== undefined && frames.length < Number(process.env.FRAMES ?? 6)) {
      const { functionName, url, lineNumber } = byId.get(at).callFrame
      frames.push(
        `${functionName || '(anon)'}@${url.replace(/^.*(node_modules|wt-bench)\//, '')}:${lineNumber + 1}`
      )
      at = parent.get(at)
    }
    const key = frames.join(' < ')
    stacks.set(key, (stacks.get(key) ?? 0) + ms)
  }
  console.log(`\nCallers of ${focus}`)
  for (const [key, ms] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`${ms.toFixed(0).padStart(8)} ms  ${key}`)
}
