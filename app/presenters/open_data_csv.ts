/*
 * The columns of the CSV exports: one header row in Chinese (the language of
 * the published data, like OCDS `language: "zh"`), amounts in yuan with two
 * decimals and no grouping (spreadsheets read them as numbers), times in
 * Beijing time.
 */
import i18nManager from '@adonisjs/i18n/services/main'
import { gradeForScore } from '#domain/credit'
import { gradeCutoffsShown } from '#services/market_rules'
import { regionName } from '#domain/regions'
import type { CsvColumn } from '#services/csv_export'
import type { DirectoryRow } from '#queries/agency_directory'
import type { ExportedBid, ExportedContract, ExportedProject } from '#queries/open_data_exports'
import { isoOf } from '#queries/ocds'

/** 12345.67 — exact, from integer fen. */
export function yuanDecimal(fen: number | null) {
  if (fen === null) return ''
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/**
 * Translations for one export. Labels repeat on every row (a method, a
 * status), so each is formatted once: an export of 100,000 rows would
 * otherwise spend most of its time in the message formatter.
 */
function texts() {
  const i18n = i18nManager.locale('zh-CN')
  const cache = new Map<string, string>()
  const translate = (key: string) => {
    let text = cache.get(key)
    if (text === undefined) {
      text = i18n.t(key)
      cache.set(key, text)
    }
    return text
  }
  return {
    t: (key: string) => translate(`messages.openData.csv.${key}`),
    label: (key: string) => translate(`messages.${key}`),
  }
}

/**
 * yyyy-MM-dd HH:mm in Beijing time, fast: China keeps UTC+8 all year (no
 * daylight saving since 1991), so this equals formatting in Asia/Shanghai.
 */
function beijingMinute(value: unknown) {
  const moment = new Date(isoOf(value)).getTime() + 8 * 3_600_000
  return new Date(moment).toISOString().slice(0, 16).replace('T', ' ')
}

export function projectColumns(): CsvColumn<ExportedProject>[] {
  const { t, label } = texts()
  return [
    { header: t('projects.code'), value: (row) => row.code },
    { header: t('projects.title'), value: (row) => row.title },
    { header: t('projects.itemCode'), value: (row) => row.itemCode },
    { header: t('projects.item'), value: (row) => row.itemName },
    { header: t('projects.method'), value: (row) => label(`projectPages.methods.${row.method}`) },
    { header: t('projects.ceiling'), value: (row) => yuanDecimal(row.ceilingPriceFen) },
    { header: t('projects.deadline'), value: (row) => beijingMinute(row.deadline) },
    { header: t('projects.status'), value: (row) => label(`projectPages.status.${row.status}`) },
    { header: t('projects.responses'), value: (row) => row.responses },
    { header: t('projects.winner'), value: (row) => row.winnerName },
    { header: t('projects.winnerUscc'), value: (row) => row.winnerUscc },
    { header: t('projects.winningQuote'), value: (row) => yuanDecimal(row.winningQuoteFen) },
  ]
}

export function agencyColumns(): CsvColumn<DirectoryRow>[] {
  const { t } = texts()
  return [
    { header: t('agencies.name'), value: (row) => row.name },
    { header: t('agencies.uscc'), value: (row) => row.uscc },
    { header: t('agencies.region'), value: (row) => regionName(row.regionCode, 'zh-CN') },
    { header: t('agencies.regionCode'), value: (row) => row.regionCode },
    {
      header: t('agencies.items'),
      value: (row) => row.items.map((item) => `${item.code} ${item.name}`).join('；'),
    },
    { header: t('agencies.creditScore'), value: (row) => row.creditScore },
    {
      header: t('agencies.creditGrade'),
      value: (row) => gradeForScore(row.creditScore, gradeCutoffsShown()),
    },
    { header: t('agencies.banned'), value: (row) => t(row.banned ? 'yes' : 'no') },
  ]
}

export function resultColumns(): CsvColumn<ExportedBid>[] {
  const { t, label } = texts()
  const yesNo = (value: boolean) => t(value ? 'yes' : 'no')
  return [
    { header: t('results.code'), value: (row) => row.projectCode },
    { header: t('results.title'), value: (row) => row.projectTitle },
    { header: t('results.item'), value: (row) => row.itemName },
    { header: t('results.method'), value: (row) => label(`projectPages.methods.${row.method}`) },
    { header: t('results.round'), value: (row) => row.round },
    { header: t('results.agency'), value: (row) => row.agencyName },
    { header: t('results.uscc'), value: (row) => row.agencyUscc },
    { header: t('results.quote'), value: (row) => yuanDecimal(row.quoteFen) },
    { header: t('results.nonce'), value: (row) => row.nonce },
    { header: t('results.receipt'), value: (row) => row.receipt },
    { header: t('results.valid'), value: (row) => yesNo(row.valid) },
    {
      header: t('results.invalidReason'),
      value: (row) =>
        row.invalidReason ? label(`projectPages.invalidReasons.${row.invalidReason}`) : '',
    },
    { header: t('results.rank'), value: (row) => row.rank },
    { header: t('results.winner'), value: (row) => yesNo(row.selected) },
  ]
}

export function contractColumns(): CsvColumn<ExportedContract>[] {
  const { t } = texts()
  return [
    // The number printed on the contract (see queries/contract_text.ts).
    { header: t('contracts.number'), value: (row) => `HT-${row.projectCode}-${row.id}` },
    { header: t('contracts.code'), value: (row) => row.projectCode },
    { header: t('contracts.title'), value: (row) => row.projectTitle },
    { header: t('contracts.item'), value: (row) => row.itemName },
    { header: t('contracts.owner'), value: (row) => row.ownerName },
    { header: t('contracts.ownerUscc'), value: (row) => row.ownerUscc },
    { header: t('contracts.agency'), value: (row) => row.agencyName },
    { header: t('contracts.agencyUscc'), value: (row) => row.agencyUscc },
    { header: t('contracts.price'), value: (row) => yuanDecimal(row.priceFen) },
    { header: t('contracts.timeLimit'), value: (row) => row.timeLimitWorkingDays },
    {
      header: t('contracts.signedAt'),
      value: (row) => (row.signedAt ? beijingMinute(row.signedAt) : ''),
    },
    { header: t('contracts.status'), value: (row) => t(`contractStatus.${row.status}`) },
  ]
}
