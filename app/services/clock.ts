/*
 * The market's clock. Everything that depends on "now" (deadlines, audit
 * times) asks it, so that tests can freeze and move time instead of sleeping.
 */
let frozen: Date | null = null

export const clock = {
  now(): Date {
    return frozen ? new Date(frozen.getTime()) : new Date()
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
