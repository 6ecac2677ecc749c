/*
 * The market's clock. Everything that depends on "now" (deadlines, audit
 * times) asks it, so that tests can freeze and move time instead of sleeping.
 *
 * Outside production, MARKET_CLOCK (an ISO instant) starts the clock of a
 * whole process at that instant, from where it runs on: a server or
 * `node ace market:tick` spawned by a test (the crash-safety suite) lives at
 * the test's date. Production always runs on the real time.
 */
let frozen: Date | null = null
let offset: number | null = null

function startOffset(): number {
  if (offset !== null) return offset
  const start = process.env.MARKET_CLOCK
  if (!start || process.env.NODE_ENV === 'production') {
    offset = 0
    return offset
  }
  const at = Date.parse(start)
  if (Number.isNaN(at)) throw new Error(`MARKET_CLOCK is not an ISO date: ${start}`)
  offset = at - Date.now()
  return offset
}

export const clock = {
  now(): Date {
    if (frozen) return new Date(frozen.getTime())
    // The offset first: read after Date.now(), its own reading of the time would come later
    // and put a process's first "now" before MARKET_CLOCK (a millisecond on a busy machine).
    const started = startOffset()
    return new Date(Date.now() + started)
  },
  freeze(at: Date) {
    frozen = new Date(at.getTime())
  },
  advance(milliseconds: number) {
    if (!frozen) throw new Error('Freeze the clock before moving it')
    frozen = new Date(frozen.getTime() + milliseconds)
  },
  unfreeze() {
    frozen = null
  },
}
