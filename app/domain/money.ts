/**
 * Money is integer fen (分). The largest amount the market accepts: ¥10
 * billion — above any intermediary service, and far inside the integers a
 * JavaScript number and a BIGINT column hold exactly.
 */
export const MAX_FEN = 1_000_000_000_000
