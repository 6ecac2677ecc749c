/*
 * Terminations as the pages and the API show them: a contract's termination
 * with its window and decision, and the regulator's list of contests to decide.
 */
import db from '@adonisjs/lucid/services/db'
import ContractTermination from '#models/contract_termination'
import { clock } from '#services/clock'
import { fromSqlTime } from '#services/sql_time'

export type TerminationView = {
  id: number
  contractId: number
  projectId: number
  ground: ContractTermination['ground']
  breachClause: string | null
  statement: string
  terminatedAt: string
  contestDueAt: string
  /** The agency may still answer: the record is contestable and the window open. */
  contestOpen: boolean
  status: ContractTermination['status']
  agencyAnswer: ContractTermination['agencyAnswer']
  contestReason: string | null
  answeredAt: string | null
  decisionDueAt: string | null
  overdue: boolean
  decision: ContractTermination['decision']
  decisionReasons: string | null
  decidedAt: string | null
  refundScope: ContractTermination['refundScope']
  settledAt: string | null
  refundsRequestedAt: string | null
}

export function presentTermination(termination: ContractTermination): TerminationView {
  const iso = (value: { toUTC(): { toISO(): string | null } } | null) =>
    value ? value.toUTC().toISO() : null
  return {
    id: termination.id,
    contractId: termination.contractId,
    projectId: termination.projectId,
    ground: termination.ground,
    breachClause: termination.breachClause,
    statement: termination.statement,
    terminatedAt: iso(termination.terminatedAt)!,
    contestDueAt: iso(termination.contestDueAt)!,
    contestOpen:
      termination.status === 'contestable' &&
      clock.now().getTime() < termination.contestDueAt.toMillis(),
    status: termination.status,
    agencyAnswer: termination.agencyAnswer,
    contestReason: termination.contestReason,
    answeredAt: iso(termination.answeredAt),
    decisionDueAt: iso(termination.decisionDueAt),
    overdue: termination.overdueAt !== null,
    decision: termination.decision,
    decisionReasons: termination.decisionReasons,
    decidedAt: iso(termination.decidedAt),
    refundScope: termination.refundScope,
    settledAt: iso(termination.settledAt),
    refundsRequestedAt: iso(termination.refundsRequestedAt),
  }
}

/** A contract's termination, or null. */
export async function terminationOf(contractId: number) {
  return ContractTermination.query().where('contract_id', contractId).first()
}

/** The contested terminations a regulator decides, the earliest limit first. */
export async function contestedTerminations() {
  const rows = await db
    .from('contract_terminations as t')
    .join('projects as p', 'p.id', 't.project_id')
    .join('contracts as c', 'c.id', 't.contract_id')
    .join('organizations as o', 'o.id', 'c.agency_organization_id')
    .join('organizations as w', 'w.id', 'c.owner_organization_id')
    .where('t.status', 'contested')
    .orderBy('t.decision_due_at')
    .orderBy('t.id')
    .select(
      't.id',
      't.contract_id',
      't.ground',
      't.statement',
      't.contest_reason',
      't.decision_due_at',
      't.overdue_at',
      'p.id as project_id',
      'p.code as project_code',
      'p.title as project_title',
      'o.name as agency_name',
      'w.name as owner_name'
    )
  return rows.map((row: Record<string, unknown>) => ({
    id: Number(row.id),
    contractId: Number(row.contract_id),
    ground: String(row.ground),
    statement: String(row.statement),
    contestReason: row.contest_reason === null ? null : String(row.contest_reason),
    decisionDueAt: fromSqlTime(row.decision_due_at as string | Date).toISOString(),
    overdue: row.overdue_at !== null,
    projectId: Number(row.project_id),
    projectCode: String(row.project_code),
    projectTitle: String(row.project_title),
    agencyName: String(row.agency_name),
    ownerName: String(row.owner_name),
  }))
}
