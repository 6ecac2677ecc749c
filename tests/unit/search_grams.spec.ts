import { test } from '@japa/runner'
import { gramsOfKeyword, gramsOfName, runsOf, usccPrefixOf } from '#domain/search_grams'

test.group('Keyword index of names (bigrams and Latin tokens)', () => {
  test('a Chinese name becomes its overlapping pairs of characters and its last character', ({
    assert,
  }) => {
    assert.deepEqual(gramsOfName('北京华测检测技术有限公司'), [
      '北京',
      '京华',
      '华测',
      '测检',
      '检测',
      '测技',
      '技术',
      '术有',
      '有限',
      '限公',
      '公司',
      '司',
    ])
  })

  test('Latin letters and digits form whole lower-case tokens; brackets and spaces separate', ({
    assert,
  }) => {
    assert.deepEqual(runsOf('ABC环评（成都）有限公司 2024'), [
      { kind: 'latin', text: 'abc' },
      { kind: 'cjk', text: '环评' },
      { kind: 'cjk', text: '成都' },
      { kind: 'cjk', text: '有限公司' },
      { kind: 'latin', text: '2024' },
    ])
    assert.deepEqual(gramsOfName('ABC环评（成都）有限公司 2024'), [
      'abc',
      '环评',
      '评',
      '成都',
      '都',
      '有限',
      '限公',
      '公司',
      '司',
      '2024',
    ])
  })

  test('a gram that occurs twice in a name is stored once', ({ assert }) => {
    assert.deepEqual(gramsOfName('测测测'), ['测测', '测'])
    assert.deepEqual(gramsOfName(''), [])
    assert.deepEqual(gramsOfName('（）·—'), [])
  })

  test('a keyword asks for its bigrams exactly, a lone character or a Latin word as a prefix', ({
    assert,
  }) => {
    assert.deepEqual(gramsOfKeyword('华测检测'), { exact: ['华测', '测检', '检测'], prefixes: [] })
    assert.deepEqual(gramsOfKeyword('测'), { exact: [], prefixes: ['测'] })
    assert.deepEqual(gramsOfKeyword('ABC 环评'), { exact: ['环评'], prefixes: ['abc'] })
    // 评 begins the gram 评估: nothing more to ask.
    assert.deepEqual(gramsOfKeyword('评估 评'), { exact: ['评估'], prefixes: [] })
    assert.deepEqual(gramsOfKeyword('%_!'), { exact: [], prefixes: [] })
  })

  test('every gram of a keyword found in a name is among the grams of that name', ({ assert }) => {
    const name = '四川省地质工程勘察院集团有限公司（ABC123）'
    const stored = gramsOfName(name)
    for (const keyword of ['地质工程', '察', '院集团', '司', '四', 'abc123', 'ABC', '有限公司']) {
      const { exact, prefixes } = gramsOfKeyword(keyword)
      for (const gram of exact) assert.include(stored, gram, `${keyword}: ${gram}`)
      for (const prefix of prefixes) {
        assert.isTrue(
          stored.some((gram) => gram.startsWith(prefix)),
          `${keyword}: ${prefix}…`
        )
      }
    }
  })

  test('a 统一社会信用代码 or its beginning (6 characters at least) is recognised; a short or foreign keyword is not', ({
    assert,
  }) => {
    assert.equal(usccPrefixOf('91510100'), '91510100')
    assert.equal(usccPrefixOf(' 91110108551385082q '), '91110108551385082Q')
    assert.isNull(usccPrefixOf('91510'))
    assert.isNull(usccPrefixOf('华测检测'))
    // I, O, S, V and Z are never used in a code.
    assert.isNull(usccPrefixOf('9151OO'))
    assert.isNull(usccPrefixOf('9111010855138508201'))
  })
})
