import { test } from '@japa/runner'
import {
  completeUscc,
  isValidUscc,
  normalizeUscc,
  orgCodeCheckCharacter,
  usccProblem,
} from '#domain/uscc'

/** Codes of real, registered organisations (published on their licences). */
const REAL_CODES = {
  华为技术有限公司: '914403001922038216',
  阿里巴巴中国有限公司: '91330100716105852F',
  深圳市腾讯计算机系统有限公司: '9144030071526726XG',
  中国石油天然气股份有限公司: '91110000710925462X',
  中国石油化工股份有限公司: '91110000710926094P',
  北京小米科技有限责任公司: '91110108551385082Q',
}

test.group('USCC (统一社会信用代码, GB 32100-2015)', () => {
  test('accepts the real code of {$self}')
    .with(Object.keys(REAL_CODES))
    .run(({ assert }, name) => {
      const code = REAL_CODES[name as keyof typeof REAL_CODES]
      assert.isNull(usccProblem(code))
      assert.isTrue(isValidUscc(code))
    })

  test('refuses a code that is not 18 characters long', ({ assert }) => {
    assert.equal(usccProblem('91440300192203821'), 'length')
    assert.equal(usccProblem('9144030019220382160'), 'length')
    assert.equal(usccProblem(''), 'length')
  })

  test('refuses characters outside the GB 32100 set (I, O, S, V, Z, lower case, symbols)', ({
    assert,
  }) => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a', '-', '中']) {
      assert.equal(usccProblem(`9144030019220382${bad}6`), 'charset', bad)
    }
  })

  test('refuses a wrong GB 11714 organisation-code check character', ({ assert }) => {
    // Huawei's code with the 17th character (the org-code check) changed.
    assert.equal(usccProblem('914403001922038226'), 'orgCodeCheck')
  })

  test('refuses a wrong overall check character', ({ assert }) => {
    assert.equal(usccProblem('914403001922038217'), 'checkCharacter')
    assert.equal(usccProblem('91330100716105852E'), 'checkCharacter')
  })

  test('computes the GB 11714 check character, including X and 0', ({ assert }) => {
    assert.equal(orgCodeCheckCharacter('19220382'), '1')
    assert.equal(orgCodeCheckCharacter('71526726'), 'X')
    // Search a body whose check is 11 → "0" to cover that branch.
    const bodies = Array.from({ length: 200 }, (_, i) => String(10000000 + i))
    assert.isTrue(bodies.some((body) => orgCodeCheckCharacter(body) === '0'))
  })

  test('completes a 16-character prefix into a valid code', ({ assert }) => {
    const code = completeUscc('91511400MA6CX0N5')
    assert.lengthOf(code, 18)
    assert.isTrue(isValidUscc(code))
  })

  test('normalises spaces and lower case before checking', ({ assert }) => {
    assert.equal(normalizeUscc(' 9133 0100 7161 0585 2f '), '91330100716105852F')
  })
})
