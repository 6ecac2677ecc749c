/*
 * HTTP kernel: the error handler and the middleware stacks.
 */
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

/** Runs on every request, even for unknown URLs. */
server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/server_process_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
])

/** Runs on every request that matched a route. */
router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Before anything else reads the request: files only where a route takes them.
  () => import('#middleware/multipart_gate_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('#middleware/csrf_middleware'),
  () => import('#middleware/detect_user_locale_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/rule_parameters_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  role: () => import('#middleware/role_middleware'),
  tokenScope: () => import('#middleware/token_scope_middleware'),
  apiRateLimit: () => import('#middleware/api_rate_limit_middleware'),
  /** Reads a multipart body within per-route limits; last on each route that takes files. */
  uploads: () => import('#middleware/uploads_middleware'),
})
