import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'

export default class HealthChecksController {
  /** Liveness: the process is up. */
  async live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /** Readiness: the database answers; 503 with the failing check otherwise. */
  async ready({ response }: HttpContext) {
    const registered = await healthChecks()
    const report = await registered.run()
    const checks = report.checks.map((check) => ({
      name: check.name,
      status: check.status,
      message: check.message,
    }))
    const body = { status: report.isHealthy ? 'ok' : 'error', checks }
    return report.isHealthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
