import { test } from '@japa/runner'

/*
 * MARKET_CLOCK starts a process's clock at an instant (the processes suite
 * gives it to its child servers and ticks). Each case loads a fresh copy of
 * the clock module, as a new process would, with Date.now() advancing one
 * millisecond per reading: a busy machine can let that much time pass between
 * two readings.
 */
const START = '2026-10-13T16:00:00Z'

async function freshClock() {
  const url = new URL(`../../app/services/clock.ts?case=${Math.random()}`, import.meta.url)
  const module = (await import(url.href)) as typeof import('#services/clock')
  return module.clock
}

test.group('Market clock started by MARKET_CLOCK', (group) => {
  const realNow = Date.now
  const previous = process.env.MARKET_CLOCK
  group.each.setup(() => {
    let reading = realNow()
    Date.now = () => reading++
    process.env.MARKET_CLOCK = START
    return () => {
      Date.now = realNow
      if (previous === undefined) delete process.env.MARKET_CLOCK
      else process.env.MARKET_CLOCK = previous
    }
  })

  test('its first reading is not before the start instant, even when a millisecond passes while it starts', async ({
    assert,
  }) => {
    const clock = await freshClock()
    assert.isAtLeast(clock.now().getTime(), Date.parse(START))
  })

  test('it runs on from the start instant and never goes back', async ({ assert }) => {
    const clock = await freshClock()
    const readings = [clock.now(), clock.now(), clock.now()].map((at) => at.getTime())
    assert.isAtLeast(readings[0], Date.parse(START))
    assert.isBelow(readings[2] - Date.parse(START), 1000)
    assert.deepEqual(
      [...readings].sort((a, b) => a - b),
      readings
    )
  })
})
