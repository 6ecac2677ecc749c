import { verifyAuditLog } from '#services/audit_log'

export default class AuditController {
  /** GET /api/v1/regulator/audit/verify → {valid, events, firstBrokenId?} */
  async verify() {
    return verifyAuditLog()
  }
}
