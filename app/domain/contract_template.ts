/*
 * Model contracts (示范合同): a template is fixed text with {{placeholders}}
 * for declared fields — nothing else is evaluated, so a template can never
 * run code. The platform fills the parties, price and item; the owner may
 * edit only the declared fields listed as editable; supplementary terms
 * (补充条款) are appended under a marked heading. The rendered text is the
 * same plain text on the page, in the print view and in the API, and its
 * SHA-256 is what each party signs. Pure functions only.
 */
import { createHash } from 'node:crypto'

/** Filled by the platform from the award: nobody edits them. */
export const PLATFORM_FIELDS = [
  'contractNumber',
  'projectCode',
  'projectTitle',
  'serviceItem',
  'ownerName',
  'ownerUscc',
  'agencyName',
  'agencyUscc',
  'winningQuote',
] as const

/** Declared fields the owner fills before signing (the price never above the winning quote). */
export const EDITABLE_FIELDS = [
  'price',
  'deliverables',
  'timeLimitWorkingDays',
  'acceptanceCriteria',
  'disputeResolution',
] as const

/** Rendered from the milestones. */
export const DERIVED_FIELDS = ['milestones'] as const

export const TEMPLATE_FIELDS = [...PLATFORM_FIELDS, ...EDITABLE_FIELDS, ...DERIVED_FIELDS] as const
export type TemplateField = (typeof TEMPLATE_FIELDS)[number]
export type EditableField = (typeof EDITABLE_FIELDS)[number]

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g

/** The placeholders a template uses, in order of first use. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1]))]
}

/** Placeholders that are not declared fields (a template using one is refused). */
export function unknownPlaceholders(body: string): string[] {
  return placeholdersOf(body).filter(
    (name) => !(TEMPLATE_FIELDS as readonly string[]).includes(name)
  )
}

/** Fields every template must show: the parties, the price and the milestones. */
export const REQUIRED_PLACEHOLDERS: TemplateField[] = [
  'ownerName',
  'ownerUscc',
  'agencyName',
  'agencyUscc',
  'price',
  'milestones',
]

export function missingPlaceholders(body: string): TemplateField[] {
  const used = placeholdersOf(body)
  return REQUIRED_PLACEHOLDERS.filter((name) => !used.includes(name))
}

/** ¥1,234.56 from integer fen. */
export function formatYuan(fen: number) {
  const yuan = Math.floor(fen / 100)
  return `¥${yuan.toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`
}

export type MilestoneTerms = { title: string; amountFen: number; condition: string | null }

export type ContractValues = {
  contractNumber: string
  projectCode: string
  projectTitle: string
  serviceItem: string
  ownerName: string
  ownerUscc: string
  agencyName: string
  agencyUscc: string
  winningQuoteFen: number
  priceFen: number
  deliverables: string
  timeLimitWorkingDays: number
  acceptanceCriteria: string
  disputeResolution: string
  milestones: MilestoneTerms[]
  supplementaryTerms: string | null
  /** 项目负责人 the agency's response named; absent for a response that named nobody. */
  projectLead?: string | null
}

/** The clause naming the project lead, added after the template's text when a lead was named. */
export function projectLeadClause(name: string) {
  return `项目负责人：${name}（乙方在响应中指定，对服务成果签字负责，未经甲方书面同意不得更换）`
}

export const SUPPLEMENTARY_HEADING = '补充条款（由业主补充，非示范文本条款）'

/**
 * The contract text: every placeholder replaced by its value as plain text,
 * then the supplementary terms, if any, under their marked heading.
 */
export function renderContract(body: string, values: ContractValues): string {
  const text: Record<TemplateField, string> = {
    contractNumber: values.contractNumber,
    projectCode: values.projectCode,
    projectTitle: values.projectTitle,
    serviceItem: values.serviceItem,
    ownerName: values.ownerName,
    ownerUscc: values.ownerUscc,
    agencyName: values.agencyName,
    agencyUscc: values.agencyUscc,
    winningQuote: formatYuan(values.winningQuoteFen),
    price: formatYuan(values.priceFen),
    deliverables: values.deliverables,
    timeLimitWorkingDays: String(values.timeLimitWorkingDays),
    acceptanceCriteria: values.acceptanceCriteria,
    disputeResolution: values.disputeResolution,
    milestones: values.milestones
      .map(
        (milestone, index) =>
          `${index + 1}. ${milestone.title}：${formatYuan(milestone.amountFen)}` +
          (milestone.condition ? `（${milestone.condition}）` : '')
      )
      .join('\n'),
  }
  const rendered = body
    .replace(/\r\n/g, '\n')
    .replace(PLACEHOLDER, (whole, name: string) =>
      Object.hasOwn(text, name) ? text[name as TemplateField] : whole
    )
    .trimEnd()
  const lead = values.projectLead?.trim()
  const withLead = lead ? `${rendered}\n\n${projectLeadClause(lead)}` : rendered
  const supplementary = values.supplementaryTerms?.trim()
  return supplementary
    ? `${withLead}\n\n${SUPPLEMENTARY_HEADING}\n${supplementary}\n`
    : `${withLead}\n`
}

/** What each signature records: SHA-256 of the rendered text (UTF-8), hex. */
export function textSha256(text: string) {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export type TermsProblem =
  | { field: 'price'; rule: 'priceOverQuote'; data: { quote: string } }
  | { field: 'milestones'; rule: 'milestonesSum'; data: { sum: string; price: string } }
  | { field: 'milestones'; rule: 'milestoneAmount' }
  | { field: 'timeLimitWorkingDays'; rule: 'timeLimitTooLong'; data: { max: number } }

/**
 * The owner's terms are acceptable when the price does not exceed the winning
 * quote, every milestone is positive, the milestones sum exactly to the price
 * (严禁分解收费/重复收费), and the time limit stays within the project's.
 */
export function termsProblems(
  terms: { priceFen: number; milestones: MilestoneTerms[]; timeLimitWorkingDays: number },
  limits: { winningQuoteFen: number; maxTimeLimitWorkingDays: number }
): TermsProblem[] {
  const problems: TermsProblem[] = []
  if (terms.priceFen > limits.winningQuoteFen) {
    problems.push({
      field: 'price',
      rule: 'priceOverQuote',
      data: { quote: formatYuan(limits.winningQuoteFen) },
    })
  }
  if (terms.milestones.some((milestone) => milestone.amountFen <= 0)) {
    problems.push({ field: 'milestones', rule: 'milestoneAmount' })
  }
  const sum = terms.milestones.reduce((total, milestone) => total + milestone.amountFen, 0)
  if (sum !== terms.priceFen) {
    problems.push({
      field: 'milestones',
      rule: 'milestonesSum',
      data: { sum: formatYuan(sum), price: formatYuan(terms.priceFen) },
    })
  }
  if (terms.timeLimitWorkingDays > limits.maxTimeLimitWorkingDays) {
    problems.push({
      field: 'timeLimitWorkingDays',
      rule: 'timeLimitTooLong',
      data: { max: limits.maxTimeLimitWorkingDays },
    })
  }
  return problems
}
