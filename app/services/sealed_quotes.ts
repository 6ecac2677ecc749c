/*
 * A sealed quote (SPEC "Sealed bids") is stored encrypted until opening. The
 * ciphertext's length follows the plaintext's, so the quote is padded to a
 * fixed number of digits first: every sealed quote has the same length and
 * none reveals its order of magnitude. Quotes sealed before the padding (no
 * leading zeros) still open.
 */
import encryption from '@adonisjs/core/services/encryption'

/** Digits of every sealed quote: room for any safe integer, far above MAX_FEN. */
export const SEALED_QUOTE_DIGITS = 16

/** The quote in fen as the fixed-width plaintext that gets encrypted. */
export function padQuote(quoteFen: number) {
  if (!Number.isSafeInteger(quoteFen) || quoteFen < 0) {
    throw new RangeError(`A quote must be a whole, non-negative number of fen: ${quoteFen}`)
  }
  return String(quoteFen).padStart(SEALED_QUOTE_DIGITS, '0')
}

/** The quote in fen from a padded (or older, unpadded) plaintext. */
export function unpadQuote(plaintext: string) {
  if (!/^\d{1,16}$/.test(plaintext)) {
    throw new Error('A sealed quote does not hold a number of fen')
  }
  return Number(plaintext)
}

/** Encrypts a quote for the bids table. */
export function sealQuote(quoteFen: number) {
  return encryption.encrypt(padQuote(quoteFen))
}

/**
 * Decrypts a stored quote. A ciphertext that does not decrypt (APP_KEY
 * changed?) throws: a made-up quote of 0 would rank first.
 */
export function openSealedQuote(quoteEncrypted: string) {
  const plaintext = encryption.decrypt<string>(quoteEncrypted)
  if (typeof plaintext !== 'string') {
    throw new Error('A sealed quote cannot be decrypted (APP_KEY changed?)')
  }
  return unpadQuote(plaintext)
}
