import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'
import { takesFiles } from '#services/uploads'

const shieldConfig = defineConfig({
  /**
   * Content-Security-Policy: scripts only from this origin (the Vite bundle
   * and its lazily loaded chunks; in development the Vite dev server runs
   * inside this server) — no inline script, no eval. Styles may be inline:
   * Vue's dev server injects component styles as <style> tags, and the
   * charts set style attributes.
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", '@viteUrl'],
      styleSrc: ["'self'", "'unsafe-inline'", '@viteUrl'],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", '@viteUrl'],
      connectSrc: ["'self'", ...(app.inDev ? ['ws:', 'wss:'] : [])],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    reportOnly: false,
  },

  /**
   * Every state-changing form carries a CSRF token. The JSON API is exempt:
   * it authenticates with bearer tokens, never with cookies. An upload form's
   * token is inside its multipart body, which is read only after the route's
   * login and role checks: the uploads middleware runs this same check then.
   */
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/api/') ||
      (ctx.request.bodyType === 'multipart' && takesFiles(ctx.route)),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  hsts: {
    enabled: true,
    maxAge: '180 days',
  },

  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
