/**
 * The plain text kept for the report-similarity analysis, tidied: no NUL
 * bytes, one space for each run of spaces and tabs, one newline for each run
 * of blank space that holds a line break, nothing around the ends.
 *
 * Every pattern here matches in time linear in the text's length: a
 * whitespace run is consumed once and never re-read. (The earlier pattern,
 * optional blanks around a newline, was not: on a run of `\r` without a
 * newline it retried from every position, and a 150 KB file of `\r` blocked
 * the server for seconds.)
 */
export function normaliseText(text: string) {
  return text
    .replaceAll('\u0000', '')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run))
    .trim()
}
