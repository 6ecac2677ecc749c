/*
 * Production refuses to start without the archive seal key: every closed
 * project's archive is signed with it (app/services/archive_seal.ts).
 */
import app from '@adonisjs/core/services/app'
import { sealKeyProblem } from '#services/archive_seal'

if (app.getMode() === 'run' && app.inProduction) {
  const problem = sealKeyProblem()
  if (problem) throw new Error(problem)
}
