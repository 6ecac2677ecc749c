import cluster from 'node:cluster'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * With several server processes on one machine (bin/cluster.ts), every
 * answer names the worker that served it (`X-Server-Process: <n>`, the
 * cluster's worker number, never a process id): what an operator or a test
 * needs to see the load spread. A single process adds nothing.
 */
export default class ServerProcessMiddleware {
  private readonly worker = cluster.isWorker ? String(cluster.worker?.id ?? '') : ''

  handle(ctx: HttpContext, next: NextFn) {
    if (this.worker) ctx.response.header('X-Server-Process', this.worker)
    return next()
  }
}
