import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import emitter from '@adonisjs/core/services/emitter'
import { nextUscc } from '#database/factories/account_factories'
import { departmentNamed } from '#database/factories/account_factories'

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

/** The approval department of serviceItemPayload's items. */
export const TEST_DEPARTMENT = '市测试局'

/** Registers TEST_DEPARTMENT (or finds it): items can only name a department on record. */
export function testDepartment() {
  return departmentNamed(TEST_DEPARTMENT)
}

/** A complete catalog item as a regulator would submit it (approved by TEST_DEPARTMENT). */
export function serviceItemPayload(overrides: Record<string, unknown> = {}) {
  counter += 1
  return {
    code: `T-${counter}${Date.now() % 100000}`,
    name: `测试中介服务事项${counter}`,
    category: '测试类别',
    legalBasis: '《中华人民共和国行政许可法》第二十八条',
    qualificationType: null,
    approvalItem: '测试审批事项',
    approvalDepartment: TEST_DEPARTMENT,
    timeLimitWorkingDays: 15,
    feeType: 'reference',
    feeMinFen: 100_000,
    feeMaxFen: 500_000,
    feeBasisDocument: '《测试收费标准文件》',
    feeBasisArticle: '第二条',
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

/**
 * A JSON request to the test server sent from another loopback address
 * (127.0.0.2, 127.0.0.3…): the market sees a second client address, as it
 * would a second machine. Answers the status, headers and parsed body.
 */
export function requestFrom(
  address: string,
  method: 'GET' | 'POST',
  path: string,
  options: { json?: unknown; token?: string } = {}
) {
  const host = env.get('HOST')
  const payload = options.json === undefined ? undefined : JSON.stringify(options.json)
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: any }>(
    (resolve, reject) => {
      const request = httpRequest(
        {
          host: host === '0.0.0.0' ? '127.0.0.1' : host,
          port: env.get('PORT'),
          localAddress: address,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let body: unknown = text
            try {
              body = JSON.parse(text)
            } catch {}
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
          })
        }
      )
      request.on('error', reject)
      request.end(payload)
    }
  )
}
