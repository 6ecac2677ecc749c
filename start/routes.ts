/*
 * Routes: public pages, accounts, role dashboards, health, and the JSON API
 * under /api/v1 (API.md). State changes are POSTs guarded by CSRF on pages and
 * by bearer tokens on the API.
 */
import router from '@adonisjs/core/services/router'
import { Exception } from '@adonisjs/core/exceptions'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { ROLES } from '#domain/roles'

router.get('/', [controllers.Home, 'show']).as('home')
router.post('/locale', [controllers.Locales, 'update']).as('locale')

router.get('/health/live', [controllers.HealthChecks, 'live']).as('health.live')
router.get('/health/ready', [controllers.HealthChecks, 'ready']).as('health.ready')

router
  .group(() => {
    router.get('/register', [controllers.Registrations, 'create']).as('register')
    router.post('/register', [controllers.Registrations, 'store']).as('register.store')
    router.get('/login', [controllers.Sessions, 'create']).as('login')
    router.post('/login', [controllers.Sessions, 'store']).as('login.store')
  })
  .use(middleware.guest())

router
  .group(() => {
    router.post('/logout', [controllers.Sessions, 'destroy']).as('logout')
    router.get('/dashboard', [controllers.Dashboards, 'show']).as('dashboard')
    for (const role of ROLES) {
      router
        .get(`/dashboard/${role}`, [controllers.Dashboards, 'role'])
        .as(`dashboard.${role}`)
        .use(middleware.role({ roles: [role] }))
    }
  })
  .use(middleware.auth())

router
  .group(() => {
    router.post('/auth/register', [controllers.api.Registrations, 'store']).as('auth.register')
    router.post('/auth/tokens', [controllers.api.Tokens, 'store']).as('auth.tokens')

    router
      .group(() => {
        router.get('/me', [controllers.api.Me, 'show']).as('me')
        router
          .get('/regulator/organizations', [controllers.api.regulator.Organizations, 'index'])
          .as('regulator.organizations')
          .use(middleware.role({ roles: ['regulator', 'admin'] }))
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api.v1')

/**
 * Anything else is a 404 — answered after the whole router middleware stack
 * ran, so the not-found page has the visitor's language, session and login.
 */
router.any('*', () => {
  throw new Exception('Not found', { status: 404, code: 'E_ROUTE_NOT_FOUND' })
})
