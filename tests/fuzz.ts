/*
 * Hostile input for the property-based tests (fast-check): every fuzz spec
 * takes its values from here. Wrong types, huge strings, negative and
 * overflowing amounts, impossible dates, Unicode tricks (lone surrogates,
 * right-to-left override, zero-width characters, NUL), SQL and HTML
 * fragments, and objects that JavaScript cannot turn into a number.
 *
 * `validLooking(schema)` builds a payload a form would plausibly send from a
 * validator's JSON Schema (VineJS derives it); `hostilePayload(schema)`
 * spoils such a payload field by field, or replaces it altogether.
 *
 * Reproducing a failure: fast-check prints `seed` and `path`; run again with
 * FUZZ_SEED=<seed> (and FUZZ_PATH=<path> to go straight to the shrunk case).
 */
import fc from 'fast-check'

type Schema = { [keyword: string]: any }

/** Texts that break naive code: markup, SQL, template syntax, Unicode tricks. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '{{ 1+1 }}',
  '{{{ "<b>raw</b>" }}}',
  '@{{ state }}',
  '@if(true) x @end',
  '${7*7}',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1 UNION SELECT password FROM users',
  '%_%',
  '\\',
  '\\0',
  'x\u0000y',
  '\u0000',
  '\uD800',
  'a\uDFFFb',
  '\uDBFF\uDBFF',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\u2060',
  '\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦',
  '１２３４５',
  '٣',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1e309',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'C:\\Windows\\win.ini',
  'a'.repeat(70_000),
  '测'.repeat(20_000),
]

/** Numbers an amount, a count or an id must survive. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  -1e12,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  Number.MIN_VALUE,
  0.1 + 0.2,
]

/** Dates that do not exist or that date libraries choke on. */
export const HOSTILE_DATES: readonly unknown[] = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-10-30T25:61:00Z',
  '2026-10-30T04:00:00+99:00',
  'yesterday',
  '30/10/2026',
  '1e20',
  8_640_000_000_000_001,
  -62_135_596_800_001,
]

/** Values of the wrong type: objects that cannot become numbers, arrays, nested junk. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  {},
  [],
  [1, 2],
  ['1'],
  [[]],
  { toString: 1, valueOf: 1 },
  { valueOf: 'x' },
  { toString: 'x' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  { $gt: '' },
  { length: 1e9 },
  { a: { b: { c: { d: { e: {} } } } } },
]

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 30)), fc.string({ maxLength: 8 }))
      .map(([a, b]) => a + b),
  }
)

const hostileNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) }
)

/** One hostile value of any kind (what a field receives in the fuzz). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
)

/** A hostile value a JSON body can carry (no `undefined`, no -0 distinction matters). */
export const hostileJsonValue: fc.Arbitrary<unknown> = hostileValue.map((value) =>
  JSON.parse(JSON.stringify(value ?? null) ?? 'null')
)

// — Valid-looking values from a JSON Schema (VineJS's toJSONSchema) —

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  return schema.type ? [schema.type] : []
}

const SAMPLE_TEXT = ['东坡区环境影响评价报告', 'A plausible value', '王小明', '眉山市', 'ZJ-001']

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const min = Math.max(0, schema.minLength ?? 0)
  const max = Math.min(schema.maxLength ?? 60, Math.max(min, 60))
  switch (schema.format) {
    case 'email':
      return fc.emailAddress()
    case 'date':
      return fc
        .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10))
    case 'date-time':
      return fc
        .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString())
    case 'uri':
    case 'url':
      return fc.webUrl()
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern))
    } catch {
      // A pattern JavaScript cannot read: fall through to plain text.
    }
  }
  return fc
    .oneof(fc.constantFrom(...SAMPLE_TEXT), fc.string({ minLength: min, maxLength: max }))
    .map((text) => (text.length < min ? text.padEnd(min, '测') : text.slice(0, max)))
}

function numberFor(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? 0
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 10_000_000
  const low = Math.ceil(Math.max(min, -1e12))
  const high = Math.floor(Math.min(max, 1e12))
  if (high < low) return fc.constant(low)
  return integer || schema.multipleOf === 1
    ? fc.integer({ min: low, max: high })
    : fc.double({ min: low, max: high, noNaN: true })
}

/** A value that matches the schema, roughly (good enough to reach the deeper checks). */
export function validLooking(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  const branches: Schema[] | undefined = schema.anyOf ?? schema.oneOf
  if (Array.isArray(branches) && branches.length > 0) {
    return fc.oneof(...branches.map((branch) => validLooking(branch, depth + 1)))
  }
  const types = typesOf(schema).filter((type) => type !== 'null')
  const type = types[0] ?? (schema.properties ? 'object' : 'string')
  switch (type) {
    case 'string':
      return stringFor(schema)
    case 'integer':
      return numberFor(schema, true)
    case 'number':
      return numberFor(schema, false)
    case 'boolean':
      return fc.boolean()
    case 'array': {
      const minLength = schema.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3))
      return fc.array(validLooking(schema.items, depth + 1), { minLength, maxLength })
    }
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {}
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, property] of Object.entries(properties)) {
        record[name] = validLooking(property, depth + 1)
      }
      const required = (schema.required ?? []).filter((name: string) => name in record)
      return fc.record(record, { requiredKeys: required })
    }
    default:
      return fc.constant(null)
  }
}

/** The fields of an object schema (empty for anything else). */
export function fieldsOf(schema: Schema | undefined): string[] {
  return Object.keys(schema?.properties ?? {})
}

/**
 * A payload for a validator or an endpoint: mostly a valid-looking payload
 * with one or a few fields spoiled, sometimes every field hostile, sometimes
 * something that is not the expected object at all.
 */
export function hostilePayload(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const fields = fieldsOf(schema)
  const base = validLooking(schema ?? { type: 'object', properties: {} })
  const spoiledFields =
    fields.length === 0
      ? fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 })
      : fc
          .tuple(
            base,
            fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 3 }),
            fc.array(hostileValue, { minLength: 3, maxLength: 3 })
          )
          .map(([payload, names, values]) => {
            const spoiled: Record<string, unknown> = {
              ...(payload as Record<string, unknown>),
            }
            names.forEach((name, index) => (spoiled[name] = values[index]))
            return spoiled
          })
  const allHostile = fc.record(
    Object.fromEntries(fields.map((name) => [name, hostileValue] as const)),
    { requiredKeys: [] }
  )
  const notAnObject = fc.oneof(
    fc.constantFrom<unknown>(null, [], [{}], 'text', 42, true),
    fc.anything({ maxDepth: 2 })
  )
  return fc.oneof(
    { weight: 6, arbitrary: spoiledFields },
    { weight: 2, arbitrary: allHostile },
    { weight: 1, arbitrary: base },
    { weight: 1, arbitrary: notAnObject }
  )
}

/**
 * fast-check parameters: a seed from FUZZ_SEED or a fresh one, printed by
 * fast-check with the counterexample when a property fails.
 */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31
  return {
    numRuns,
    seed,
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
  }
}

export { fc }
