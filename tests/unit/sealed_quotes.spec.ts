import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { MAX_FEN } from '#domain/money'
import { openSealedQuote, padQuote, sealQuote, unpadQuote } from '#services/sealed_quotes'

test.group('Sealed quotes', () => {
  test('the ciphertexts of 1 fen and of 10^12 fen have the same length', ({ assert }) => {
    const lengths = [1, 150, 150_000, 15_000_000, MAX_FEN].map((fen) => sealQuote(fen).length)
    assert.lengthOf(new Set(lengths), 1)
  })

  test('a sealed quote opens to the same number of fen', ({ assert }) => {
    for (const fen of [0, 1, 150, 15_000_000, MAX_FEN]) {
      assert.equal(openSealedQuote(sealQuote(fen)), fen)
    }
  })

  test('a quote sealed before padding existed still opens', ({ assert }) => {
    assert.equal(openSealedQuote(encryption.encrypt('150')), 150)
    assert.equal(openSealedQuote(encryption.encrypt(String(MAX_FEN))), MAX_FEN)
  })

  test('the padded plaintext has a fixed width and unpads exactly', ({ assert }) => {
    assert.equal(padQuote(150), '0000000000000150')
    assert.equal(unpadQuote(padQuote(150)), 150)
    assert.equal(unpadQuote('0000000000000000'), 0)
  })

  test('a fractional, negative or unsafe quote is refused before sealing', ({ assert }) => {
    assert.throws(() => padQuote(1.5))
    assert.throws(() => padQuote(-1))
    assert.throws(() => padQuote(Number.MAX_SAFE_INTEGER + 2))
  })

  test('a ciphertext that does not decrypt, or holds no number, is never read as 0', ({
    assert,
  }) => {
    assert.throws(() => openSealedQuote('x'), /cannot be decrypted/)
    assert.throws(() => openSealedQuote(encryption.encrypt('abc')), /does not hold/)
  })
})
