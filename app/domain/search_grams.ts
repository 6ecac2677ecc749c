/*
 * The keyword index of organisation names (机构名称检索): Chinese has no
 * spaces, so a name is cut into overlapping pairs of characters (bigrams);
 * Latin letters and digits form whole lower-case tokens. A name contains a
 * keyword only if it holds every gram of the keyword, so the grams narrow
 * the search to a handful of candidates, which the exact substring test
 * (LIKE) then confirms: the index never changes what matches, only how fast.
 *
 *   北京华测检测技术有限公司 → 北京 京华 华测 测检 检测 测技 技术 术有 有限 限公 公司 司
 *   ABC环评（成都）有限公司 → abc 环评 评 成都 都 有限 限公 公司 司
 *
 * The last character of each run of Chinese characters is kept alone too, so
 * that every character of a name begins some gram: a one-character keyword
 * (测) is then found by the grams that begin with it.
 */

/** Grams longer than this are cut (a token of 40 Latin characters is already unique enough). */
export const MAX_GRAM_LENGTH = 40

type Run = { kind: 'latin' | 'cjk'; text: string }

const LATIN = /[0-9a-z]/
/** Letters and digits of any script other than ASCII: Chinese, kana, full-width forms… */
const OTHER_WORD = /[\p{L}\p{N}]/u

/** A name or keyword as runs of Latin word characters and of other word characters; the rest separates. */
export function runsOf(text: string): Run[] {
  const runs: Run[] = []
  let current: Run | null = null
  for (const char of text.toLowerCase()) {
    const kind = LATIN.test(char) ? 'latin' : OTHER_WORD.test(char) ? 'cjk' : null
    if (kind === null) {
      current = null
      continue
    }
    if (current && current.kind === kind) {
      current.text += char
    } else {
      current = { kind, text: char }
      runs.push(current)
    }
  }
  return runs
}

/** The grams of a run of Chinese (or other non-Latin) characters: its bigrams and its last character. */
function cjkGrams(text: string) {
  const chars = [...text]
  const grams: string[] = []
  for (let index = 0; index + 1 < chars.length; index++) grams.push(chars[index] + chars[index + 1])
  grams.push(chars[chars.length - 1])
  return grams
}

/** Every distinct gram of a name, to store: bigrams, run-final characters and Latin tokens. */
export function gramsOfName(name: string): string[] {
  const grams = new Set<string>()
  for (const run of runsOf(name)) {
    const list = run.kind === 'latin' ? [run.text] : cjkGrams(run.text)
    for (const gram of list) grams.add([...gram].slice(0, MAX_GRAM_LENGTH).join(''))
  }
  return [...grams]
}

/**
 * What a keyword asks of the index: grams that must be present exactly, and
 * prefixes some gram must begin with (a lone Chinese character, or a Latin
 * word, which matches a whole token or the start of one: `abc` finds `ABC`
 * and `ABC123`, not `XABC`). Empty when the keyword has no word character:
 * then only the substring test can answer.
 */
export function gramsOfKeyword(keyword: string): { exact: string[]; prefixes: string[] } {
  const exact = new Set<string>()
  const prefixes = new Set<string>()
  for (const run of runsOf(keyword)) {
    if (run.kind === 'latin') {
      prefixes.add([...run.text].slice(0, MAX_GRAM_LENGTH).join(''))
      continue
    }
    const chars = [...run.text]
    if (chars.length === 1) {
      prefixes.add(chars[0])
      continue
    }
    for (let index = 0; index + 1 < chars.length; index++)
      exact.add(chars[index] + chars[index + 1])
  }
  // A prefix already implied by an exact gram adds nothing.
  for (const prefix of [...prefixes]) {
    if ([...exact].some((gram) => gram.startsWith(prefix))) prefixes.delete(prefix)
  }
  return { exact: [...exact], prefixes: [...prefixes] }
}

/**
 * Whether a keyword may be a 统一社会信用代码 or its beginning: 6 to 18 digits
 * and capital letters (the first 8 characters name the registering authority,
 * the kind and the region).
 */
export function usccPrefixOf(keyword: string): string | null {
  const value = keyword.trim().toUpperCase()
  return /^[0-9A-HJ-NPQRTUWXY]{6,18}$/.test(value) ? value : null
}
