import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { nextUscc } from '#database/factories/account_factories'

let counter = 0

/** A complete, valid registration form for an owner or an agency. */
export function registrationPayload(overrides: Record<string, unknown> = {}) {
  counter += 1
  return {
    role: 'owner',
    orgName: `眉山测试建设有限公司${counter}`,
    uscc: nextUscc('91', '511400'),
    region: '511400',
    contactName: '王小明',
    phone: '13912345678',
    email: `registrant${counter}-${Date.now()}@test.example.com`,
    password: 'a-long-enough-password',
    ...overrides,
  }
}

/** A complete catalog item as a regulator would submit it. */
export function serviceItemPayload(overrides: Record<string, unknown> = {}) {
  counter += 1
  return {
    code: `T-${counter}${Date.now() % 100000}`,
    name: `测试中介服务事项${counter}`,
    category: '测试类别',
    legalBasis: '《中华人民共和国行政许可法》第二十八条',
    requiredQualification: null,
    approvalItem: '测试审批事项',
    approvalDepartment: '市测试局',
    timeLimitWorkingDays: 15,
    feeType: 'reference',
    feeMinFen: 100_000,
    feeMaxFen: 500_000,
    ...overrides,
  }
}

/**
 * Runs one request in a savepoint of the test's transaction and rolls it
 * back, so that what an allowed actor changes (a cancelled project, a
 * withdrawn agency…) never changes the next case.
 */
export async function isolated<T>(work: () => Promise<T>) {
  const name = db.primaryConnectionName
  const outer = db.connectionGlobalTransactions.get(name)!
  const savepoint = await outer.transaction()
  db.connectionGlobalTransactions.set(name, savepoint)
  try {
    return await work()
  } finally {
    await savepoint.rollback()
    db.connectionGlobalTransactions.set(name, outer)
  }
}

/** How many SQL queries a piece of work runs (Lucid's query events; debug is on in tests). */
export async function countQueries(work: () => Promise<unknown>) {
  let count = 0
  const listener = () => {
    count += 1
  }
  emitter.on('db:query', listener)
  try {
    await work()
  } finally {
    emitter.off('db:query', listener)
  }
  return count
}
