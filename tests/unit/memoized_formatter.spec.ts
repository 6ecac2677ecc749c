import { test } from '@japa/runner'
import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'
import { memoizedFormatter } from '#services/memoized_formatter'

/** A formatter that counts its calls and shows what it was given. */
function countingFormatter() {
  const calls: string[] = []
  const formatter: TranslationsFormatterContract = {
    name: 'counting',
    format(message, locale, data) {
      calls.push(message)
      return `${locale}:${message}:${JSON.stringify(data ?? {})}`
    },
  }
  return { formatter, calls }
}

test.group('Memoized translations', () => {
  test('a message without values is formatted once per locale', ({ assert }) => {
    const { formatter, calls } = countingFormatter()
    const memoized = memoizedFormatter(formatter)
    assert.equal(memoized.format('目录', 'zh-CN'), 'zh-CN:目录:{}')
    assert.equal(memoized.format('目录', 'zh-CN', {}), 'zh-CN:目录:{}')
    assert.equal(memoized.format('目录', 'en'), 'en:目录:{}')
    assert.lengthOf(calls, 2)
  })

  test('the same plain values give the kept result, other values a new one', ({ assert }) => {
    const { formatter, calls } = countingFormatter()
    const memoized = memoizedFormatter(formatter)
    assert.equal(
      memoized.format('{count} 家', 'zh-CN', { count: 3 }),
      'zh-CN:{count} 家:{"count":3}'
    )
    assert.equal(
      memoized.format('{count} 家', 'zh-CN', { count: 3 }),
      'zh-CN:{count} 家:{"count":3}'
    )
    assert.equal(
      memoized.format('{count} 家', 'zh-CN', { count: 4 }),
      'zh-CN:{count} 家:{"count":4}'
    )
    // The number 3 and the text "3" are different values.
    assert.equal(
      memoized.format('{count} 家', 'zh-CN', { count: '3' }),
      'zh-CN:{count} 家:{"count":"3"}'
    )
    assert.lengthOf(calls, 3)
  })

  test('values that are not plain (a date) are formatted every time', ({ assert }) => {
    const { formatter, calls } = countingFormatter()
    const memoized = memoizedFormatter(formatter)
    const at = new Date('2026-10-01T00:00:00Z')
    memoized.format('{at, date}', 'zh-CN', { at })
    memoized.format('{at, date}', 'zh-CN', { at })
    assert.lengthOf(calls, 2)
  })
})
