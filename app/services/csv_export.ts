/*
 * CSV downloads (UTF-8 with a byte-order mark so that Excel opens Chinese
 * correctly, CRLF line ends, RFC 4180 quoting by csv-stringify), streamed:
 * rows come from an async generator that reads the database in chunks, and
 * the socket's back-pressure paces it, so 100,000 rows never sit in memory.
 */
import { Readable, pipeline } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'

export type CsvColumn<Row> = {
  header: string
  value: (row: Row) => string | number | null | undefined
}

/**
 * A text cell that Excel or LibreOffice would run as a formula (starting with
 * =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, as
 * OWASP advises for CSV injection; numbers are written as they are.
 */
export function neutralizeFormula(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** The CSV text stream of some rows under one Chinese header row. */
export function csvStream<Row>(columns: CsvColumn<Row>[], rows: AsyncIterable<Row>) {
  const csv = stringify({
    bom: true,
    header: true,
    columns: columns.map((column, index) => ({ key: String(index), header: column.header })),
    record_delimiter: 'windows',
    // csv-stringify quotes delimiters and quotes but not a bare line break when
    // records end with CRLF: a title on two lines must still be one field.
    quoted_match: /[\r\n]/,
  })
  async function* records() {
    for await (const row of rows) {
      yield Object.fromEntries(
        columns.map((column, index) => {
          const value = column.value(row)
          return [String(index), typeof value === 'string' ? neutralizeFormula(value) : value]
        })
      )
    }
  }
  pipeline(Readable.from(records()), csv, (error) => {
    if (error) logger.error({ err: error }, 'CSV export failed while streaming')
  })
  return csv
}

/** Sends a CSV stream as a download. */
export function sendCsv<Row>(
  response: HttpContext['response'],
  filename: string,
  columns: CsvColumn<Row>[],
  rows: AsyncIterable<Row>
) {
  response.header('Content-Type', 'text/csv; charset=utf-8')
  response.header('Content-Disposition', `attachment; filename="${filename}"`)
  response.stream(csvStream(columns, rows))
}
