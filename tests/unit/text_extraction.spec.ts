import { test } from '@japa/runner'
import { stat } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { normaliseText } from '#domain/text_normalisation'
import { extractText } from '#services/text_extraction'
import { zipBombReasonOfFile } from '#services/archive_inspection'
import { docxBomb, textDocx, textFile } from '#tests/file_fixtures'

test.group('Text extraction of deliverables', () => {
  test('tidying 150 KB of "\\r" (no newline anywhere) takes linear time, and keeps the paragraphs of ordinary text', async ({
    assert,
  }) => {
    const carriageReturns = '\r'.repeat(150 * 1024)
    const started = performance.now()
    assert.equal(normaliseText(carriageReturns), '')
    assert.equal(normaliseText(`a${carriageReturns}b`), `a${carriageReturns}b`)
    // The old pattern (blanks around a newline) took seconds here.
    assert.isBelow(performance.now() - started, 100)

    const report = await textFile(
      ' 第一章\u3000 总则 \r\n \r\n\t第二条\u00a0适用范围\r\r\n第三条\u0000 定义 \r 附则 ',
      'report.txt'
    )
    assert.equal(
      await extractText(report, 'text/plain'),
      '第一章 总则\n第二条 适用范围\n第三条 定义 \r 附则'
    )
  }).timeout(60_000)

  test('a DOCX is read in a worker; its ZIP directory is checked without inflating anything', async ({
    assert,
  }) => {
    const docx = await textDocx('环境影响评价报告')
    assert.isNull(await zipBombReasonOfFile(docx))
    assert.equal(
      await extractText(
        docx,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      ),
      '环境影响评价报告'
    )

    const bomb = await docxBomb({ inflatedMb: 120 })
    const { size } = await stat(bomb.path)
    assert.isBelow(size, 1024 * 1024)
    assert.equal(await zipBombReasonOfFile(bomb.path), 'tooLarge')
    const lying = await docxBomb({ inflatedMb: 120, lying: true })
    assert.isNull(await zipBombReasonOfFile(lying.path))
    const notAZip = await textFile('不是压缩文件', 'fake.docx')
    assert.equal(await zipBombReasonOfFile(notAZip), 'malformed')
  }).timeout(60_000)
})
