import { test } from '@japa/runner'
import {
  MINHASH_SIZE,
  bandKeys,
  candidatePairs,
  compareTexts,
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  highlightSegments,
  jaccard,
  lshCandidateChance,
  minHashSignature,
  shingleSet,
  signatureOf,
  similarPairs,
  tokenize,
} from '#domain/similarity'
import { COPIED, OTHER, REPORT } from '#tests/report_texts'

test.group('Report similarity: tokens and shingles', () => {
  test('each CJK character is a token, a Latin word or a number is one, punctuation separates', ({
    assert,
  }) => {
    const tokens = tokenize('环评Report，ＡＢＣ１２３ 2026年!')
    assert.deepEqual(tokens.norm, ['环', '评', 'report', 'abc123', '2026', '年'])
    // Offsets point into the original text, for highlighting.
    assert.equal(
      '环评Report，ＡＢＣ１２３ 2026年!'.slice(tokens.start[3], tokens.end[3]),
      'ＡＢＣ１２３'
    )
  })

  test('a text of n tokens has n − 4 shingles; whitespace and punctuation do not change them', ({
    assert,
  }) => {
    assert.equal(shingleSet('一二三四五六七').size, 3)
    assert.equal(shingleSet('一二三四').size, 0)
    assert.deepEqual([...shingleSet('施工扬尘采取围挡')], [...shingleSet('施工 扬尘，采取“围挡”')])
  })

  test('exact Jaccard: identical 1, disjoint 0, half overlapping 1/3', ({ assert }) => {
    assert.equal(jaccard(new Set([1, 2, 3]), new Set([1, 2, 3])), 1)
    assert.equal(jaccard(new Set([1, 2]), new Set([3, 4])), 0)
    assert.closeTo(jaccard(new Set([1, 2, 3, 4]), new Set([3, 4, 5, 6])), 1 / 3, 1e-12)
    assert.equal(jaccard(new Set(), new Set()), 0)
  })
})

test.group('Report similarity: MinHash and LSH', () => {
  test('identical texts have the same signature: estimate 1.0', ({ assert }) => {
    const a = signatureOf(REPORT)
    const b = signatureOf(`${REPORT}`)
    assert.equal(a.signature.length, MINHASH_SIZE)
    assert.equal(estimateJaccard(a.signature, b.signature), 1)
    assert.isAbove(a.shingleCount, 200)
  })

  test('disjoint texts estimate near 0', ({ assert }) => {
    const estimate = estimateJaccard(signatureOf(REPORT).signature, signatureOf(OTHER).signature)
    assert.isBelow(estimate, 0.05)
    assert.equal(jaccard(shingleSet(REPORT), shingleSet(OTHER)), 0)
  })

  test('a copied report with another project name scores high, close to its exact Jaccard', ({
    assert,
  }) => {
    const exact = jaccard(shingleSet(REPORT), shingleSet(COPIED))
    const estimate = estimateJaccard(signatureOf(REPORT).signature, signatureOf(COPIED).signature)
    assert.isAbove(exact, 0.85)
    assert.isAbove(estimate, 0.8)
    assert.closeTo(estimate, exact, 0.1)
  })

  test('the estimate tracks a known Jaccard of 0.5 (1,000 + 1,000 shingles, 667 shared)', ({
    assert,
  }) => {
    const a = Array.from({ length: 1000 }, (_, i) => i)
    const b = Array.from({ length: 1000 }, (_, i) => i + 333)
    const exact = jaccard(new Set(a), new Set(b))
    assert.closeTo(exact, 0.5, 0.001)
    assert.closeTo(estimateJaccard(minHashSignature(a), minHashSignature(b)), exact, 0.12)
  })

  test('signatures are deterministic and survive hex encoding', ({ assert }) => {
    const signature = signatureOf(REPORT).signature
    const encoded = encodeSignature(signature)
    assert.equal(encoded.length, MINHASH_SIZE * 8)
    assert.match(encoded, /^[0-9a-f]+$/)
    assert.deepEqual(decodeSignature(encoded), signature)
    assert.equal(encodeSignature(signatureOf(REPORT).signature), encoded)
    assert.throws(() => decodeSignature('abc'))
  })

  test('LSH banding makes the copy a candidate of the original, not the unrelated report', ({
    assert,
  }) => {
    const items = [
      { id: 1, signature: signatureOf(REPORT).signature },
      { id: 2, signature: signatureOf(OTHER).signature },
      { id: 3, signature: signatureOf(COPIED).signature },
    ]
    assert.lengthOf(bandKeys(items[0].signature), 40)
    assert.deepEqual(candidatePairs(items), [[1, 3]])
    const pairs = similarPairs(items, 0.5)
    assert.lengthOf(pairs, 1)
    assert.include(pairs[0], { a: 1, b: 3 })
    assert.isAbove(pairs[0].score, 0.8)
    assert.lengthOf(similarPairs(items, 0.99), 0)
  })

  test('the banding finds pairs from about 0.3 and nearly all from 0.5', ({ assert }) => {
    assert.closeTo(lshCandidateChance(0.3), 0.67, 0.01)
    assert.isAbove(lshCandidateChance(0.5), 0.99)
    assert.isBelow(lshCandidateChance(0.1), 0.05)
  })
})

test.group('Report similarity: matching passages', () => {
  test('the copy matches in two passages around the changed name, with offsets into each text', ({
    assert,
  }) => {
    const result = compareTexts(REPORT, COPIED)
    assert.lengthOf(result.passages, 2)
    const [first, second] = result.passages
    assert.equal(REPORT.slice(first.a.start, first.a.end), '一、建设项目基本情况与工程概况')
    assert.equal(COPIED.slice(first.b.start, first.b.end), '一、建设项目基本情况与工程概况')
    // Both names end in 工程, so the second passage starts there.
    assert.isTrue(REPORT.slice(second.a.start, second.a.end).startsWith('工程位于眉山市东坡区'))
    assert.isTrue(REPORT.slice(second.a.start).endsWith('项目建设从环境保护角度可行。'))
    assert.equal(
      REPORT.slice(second.a.start, second.a.end),
      COPIED.slice(second.b.start, second.b.end)
    )
    assert.isAbove(result.coverageA, 0.9)
    assert.isAbove(result.coverageB, 0.9)
    assert.isAbove(result.jaccard, 0.85)
  })

  test('a moved paragraph is still found; unrelated texts have no passage', ({ assert }) => {
    const paragraphs = REPORT.split('。')
    const reordered = [...paragraphs.slice(5), ...paragraphs.slice(0, 5)].join('。')
    const moved = compareTexts(REPORT, reordered)
    assert.isAtLeast(moved.passages.length, 2)
    assert.isAbove(moved.coverageA, 0.9)
    const unrelated = compareTexts(REPORT, OTHER)
    assert.lengthOf(unrelated.passages, 0)
    assert.equal(unrelated.coverageA, 0)
  })

  test('a common phrase shorter than ten tokens is not a passage', ({ assert }) => {
    const result = compareTexts('甲方认为环境保护角度可行无疑', '乙方同意环境保护角度可行之说')
    assert.lengthOf(result.passages, 0)
  })

  test('segments mark merged ranges and cut at the limit', ({ assert }) => {
    assert.deepEqual(
      highlightSegments('abcdefghij', [
        { start: 2, end: 4 },
        { start: 3, end: 5 },
        { start: 8, end: 20 },
      ]),
      [
        { text: 'ab', marked: false },
        { text: 'cde', marked: true },
        { text: 'fgh', marked: false },
        { text: 'ij', marked: true },
      ]
    )
    assert.deepEqual(highlightSegments('abcdef', [{ start: 1, end: 5 }], 3), [
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
    ])
    assert.deepEqual(highlightSegments('<b>', []), [{ text: '<b>', marked: false }])
  })
})
