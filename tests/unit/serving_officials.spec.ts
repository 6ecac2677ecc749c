import { test } from '@japa/runner'
import {
  hashIdNumberCsv,
  officialsCsv,
  parseOfficialsCsv,
  servingOfficialsAmong,
  MAX_OFFICIAL_ROWS,
} from '#domain/serving_officials'
import { hashIdNumber, idNumberCheckCharacter, isValidIdNumber } from '#domain/id_card'

const SALT = 'test-salt'
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17)
const ZHANG = withCheck('51140219800101001')
const LI = withCheck('51140219850505002')
const hash = (id: string) => hashIdNumber(id, SALT)

test.group('在职公职人员: the hash list', () => {
  test('officials:hash turns ID numbers into salted hashes, skipping the header and naming bad lines only by number', ({
    assert,
  }) => {
    const csv = `身份证号,姓名\n${ZHANG},张三\n${LI},李四\n51140219850505003X,王五\n${ZHANG},张三\n`
    const { hashes, badLines } = hashIdNumberCsv(csv, hash, isValidIdNumber)
    assert.sameMembers(hashes, [hash(ZHANG), hash(LI)])
    assert.deepEqual(badLines, [4])
    assert.notInclude(officialsCsv(hashes), ZHANG)
    assert.isTrue(officialsCsv(hashes).startsWith('id_hash\n'))
  })

  test('the upload reads back what officials:hash wrote', ({ assert }) => {
    const parsed = parseOfficialsCsv(officialsCsv([hash(ZHANG), hash(LI), hash(ZHANG)]))
    assert.deepEqual(parsed, { ok: true, hashes: [hash(ZHANG), hash(LI)] })
  })

  test('an ID number in clear, a second column, a wrong header or nothing refuses the whole file', ({
    assert,
  }) => {
    assert.deepEqual(parseOfficialsCsv(`id_hash\n${hash(ZHANG)}\n${LI}\n`), {
      ok: false,
      problem: { code: 'row_format', line: 3 },
    })
    assert.deepEqual(parseOfficialsCsv(`id_hash\n${hash(ZHANG)},张三\n`), {
      ok: false,
      problem: { code: 'row_format', line: 2 },
    })
    assert.deepEqual(parseOfficialsCsv(`id_number\n${ZHANG}\n`), {
      ok: false,
      problem: { code: 'header' },
    })
    assert.deepEqual(parseOfficialsCsv('\n\n'), { ok: false, problem: { code: 'empty' } })
    assert.deepEqual(parseOfficialsCsv('id_hash\n'), { ok: false, problem: { code: 'empty' } })
  })

  test('more rows than any civil service is refused', ({ assert }) => {
    const rows = Array.from({ length: MAX_OFFICIAL_ROWS + 1 }, () => hash(ZHANG))
    assert.deepEqual(parseOfficialsCsv(officialsCsv(rows)), {
      ok: false,
      problem: { code: 'too_many_rows', max: MAX_OFFICIAL_ROWS },
    })
  })

  test('a manager on the list matches; a practitioner who is not, does not', ({ assert }) => {
    const persons = [
      { organizationId: 5, name: '张三', capacity: 'manager' as const, idHash: hash(ZHANG) },
      { organizationId: 5, name: '李四', capacity: 'practitioner' as const, idHash: hash(LI) },
    ]
    assert.deepEqual(
      servingOfficialsAmong(persons, new Set([hash(ZHANG)])).map((person) => person.name),
      ['张三']
    )
  })
})
