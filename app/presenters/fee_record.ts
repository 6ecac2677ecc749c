import type { I18n } from '@adonisjs/i18n'
import { DateTime } from 'luxon'
import type { FeeFlag } from '#domain/fee_flags'
import { DISPLAY_ZONE, isoInstant } from '#domain/time_zone'
import type { FeeRecordRow } from '#queries/fee_records'
import { formatFen } from '#domain/money'

/** A flag in words, in the reader's language. */
export function flagMessage(flag: FeeFlag, i18n: I18n) {
  switch (flag.code) {
    case 'overpaid':
      return i18n.t('payments.flags.overpaid', {
        paid: formatFen(flag.paidFen),
        price: formatFen(flag.priceFen),
      })
    case 'outside_milestones':
      return i18n.t(`payments.flags.outside_milestones.${flag.reason}`, {
        milestoneAmount: formatFen(flag.milestoneAmountFen),
      })
    case 'price_out_of_bounds':
      return i18n.t('payments.flags.price_out_of_bounds', {
        price: formatFen(flag.priceFen),
        feeType: i18n.t(`messages.feeTypes.${flag.feeType}`),
        min: flag.feeMinFen === null ? '—' : formatFen(flag.feeMinFen),
        max: flag.feeMaxFen === null ? '—' : formatFen(flag.feeMaxFen),
      })
    case 'paid_twice':
      return i18n.t('payments.flags.paid_twice')
    case 'fee_basis_missing':
      return i18n.t('payments.flags.fee_basis_missing', {
        feeType: i18n.t(`messages.feeTypes.${flag.feeType}`),
      })
    case 'outside_fee_basis':
      return i18n.t('payments.flags.outside_fee_basis', { items: flag.items.join('；') })
    case 'service_reduced':
      return i18n.t('payments.flags.service_reduced', { items: flag.items.join('；') })
    case 'split_selection':
      return i18n.t('payments.flags.split_selection', {
        count: flag.selectionCount,
        days: flag.windowDays,
        total: formatFen(flag.totalFen),
        threshold: formatFen(flag.thresholdFen),
      })
    case 'not_paid_by_department':
      return i18n.t('payments.flags.not_paid_by_department')
  }
}

/** API.md: GET /regulator/fee-records → {contractId, amountFen, flags:[…]} and the context. */
export function presentFeeRecord(row: FeeRecordRow, i18n: I18n) {
  return {
    id: row.id,
    contractId: row.contractId,
    projectId: row.projectId,
    projectCode: row.projectCode,
    ownerName: row.ownerName,
    agencyName: row.agencyName,
    itemCode: row.itemCode,
    milestoneId: row.milestoneId,
    paymentId: row.paymentId,
    kind: row.kind,
    amountFen: row.amountFen,
    stripeObjectId: row.stripeObjectId,
    occurredAt: isoInstant(row.occurredAt),
    flags: row.flags.map((flag) => ({ code: flag.code, message: flagMessage(flag, i18n) })),
  }
}

/**
 * One CSV cell: quoted when needed, and a leading = + - @ neutralised so that
 * a spreadsheet never runs a name as a formula.
 */
function cell(value: string | number) {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The fee records as CSV for Excel: UTF-8 with a byte-order mark (without it
 * Excel reads Chinese as mojibake), CRLF lines, amounts in yuan.
 */
export function feeRecordsCsv(rows: FeeRecordRow[], i18n: I18n) {
  const header = [
    'occurredAt',
    'projectCode',
    'contractId',
    'item',
    'owner',
    'agency',
    'milestone',
    'kind',
    'amountYuan',
    'stripeObject',
    'flags',
  ].map((column) => i18n.t(`payments.feeRecords.csv.${column}`))
  const lines = rows.map((row) =>
    [
      DateTime.fromJSDate(row.occurredAt).setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm:ss'),
      row.projectCode,
      row.contractId,
      `${row.itemCode} ${row.itemName}`,
      row.ownerName,
      row.agencyName,
      row.milestoneTitle ?? '',
      i18n.t(`payments.feeRecords.kinds.${row.kind}`),
      (row.amountFen / 100).toFixed(2),
      row.stripeObjectId ?? '',
      row.flags.map((flag) => flagMessage(flag, i18n)).join('；'),
    ]
      .map(cell)
      .join(',')
  )
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`
}
