import { test } from '@japa/runner'
import {
  barsSignUp,
  barsSigning,
  listChanges,
  parseJointPunishmentList,
} from '#domain/joint_punishment'
import { completeUscc } from '#domain/uscc'

/** Valid USCCs (both check characters computed). */
const A = completeUscc('91510100MA6CA2XK')
const B = completeUscc('91510100MA6CA2XL')
const TODAY = '2026-10-01'

test.group('Joint punishment lists (联合惩戒)', () => {
  test('a list names each subject by USCC with its source, day and legal basis; Chinese headers, a BOM, CRLF and quotes are read', ({
    assert,
  }) => {
    const text = `\uFEFF统一社会信用代码,发布机关,列入日期,法律依据\r\n${A},最高人民法院,2026-03-02,"《若干规定》第一条, 第二款"\r\n\r\n${B.toLowerCase()},省发展改革委,2026-09-30,《严重失信主体名单管理办法》第六条\r\n`
    const { entries, problems } = parseJointPunishmentList(text, TODAY)
    assert.deepEqual(problems, [])
    assert.deepEqual(entries, [
      {
        uscc: A,
        source: '最高人民法院',
        listedOn: '2026-03-02',
        legalBasis: '《若干规定》第一条, 第二款',
      },
      {
        uscc: B,
        source: '省发展改革委',
        listedOn: '2026-09-30',
        legalBasis: '《严重失信主体名单管理办法》第六条',
      },
    ])
  })

  test('a hostile or broken file is refused whole, naming each bad line', ({ assert }) => {
    const lines = [
      'uscc,source,date,legal_basis',
      `${A},最高人民法院,2026-03-02,第一条第一款`,
      `${A.slice(0, 17)}${A.endsWith('0') ? '1' : '0'},最高人民法院,2026-03-02,第一条第一款`,
      `${A},最高人民法院,2026-03-02,第一条第一款`,
      `${B},=HYPERLINK("http://evil"),2026-03-02,第一条第一款`,
      `${B},最高人民法院,2026-02-30,第一条第一款`,
      `${B},最高人民法院,2026-10-02,第一条第一款`,
      `${B},,2026-03-02,第一条第一款`,
      `${B},最高人民法院,2026-03-02`,
      `${B},"最高人民法院,2026-03-02,第一条第一款`,
      `${B},最高人民法院,2026-03-02,第一`,
    ]
    const { problems } = parseJointPunishmentList(lines.join('\n'), TODAY)
    assert.deepEqual(problems, [
      { line: 3, rule: 'uscc' },
      { line: 4, rule: 'duplicate' },
      { line: 5, rule: 'formula' },
      { line: 6, rule: 'date' },
      { line: 7, rule: 'futureDate' },
      { line: 8, rule: 'source' },
      { line: 9, rule: 'columns' },
      { line: 10, rule: 'columns' },
      { line: 11, rule: 'legalBasis' },
    ])
    assert.deepEqual(parseJointPunishmentList('name,code\nx,y', TODAY).problems, [
      { line: 1, rule: 'header' },
    ])
    assert.deepEqual(parseJointPunishmentList('uscc,source,date,legal_basis\n', TODAY).problems, [
      { line: 1, rule: 'empty' },
    ])
  })

  test('an import replaces its list: new subjects are added, those kept stay, those missing are lifted', ({
    assert,
  }) => {
    assert.deepEqual(listChanges(['X', 'Y'], ['Y', 'Z']), {
      added: ['Z'],
      kept: ['Y'],
      lifted: ['X'],
    })
    assert.deepEqual(listChanges([], []), { added: [], kept: [], lifted: [] })
  })

  test('each measure bars what it says', ({ assert }) => {
    assert.isTrue(barsSignUp('sign_up'))
    assert.isFalse(barsSigning('sign_up'))
    assert.isFalse(barsSignUp('signing'))
    assert.isTrue(barsSigning('signing'))
    assert.isTrue(barsSignUp('all') && barsSigning('all'))
  })
})
