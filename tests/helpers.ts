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
