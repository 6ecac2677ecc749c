/**
 * Money is integer fen (分). The largest amount the market accepts: ¥10
 * billion — above any intermediary service, and far inside the integers a
 * JavaScript number and a BIGINT column hold exactly.
 */
export const MAX_FEN = 1_000_000_000_000

/** An amount in fen as the pages show it: ¥1,234.50 (empty when there is none). */
export function formatFen(fen: number | null | undefined) {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const yuan = Math.floor(Math.abs(fen) / 100)
  const cents = String(Math.abs(fen) % 100).padStart(2, '0')
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`
}
