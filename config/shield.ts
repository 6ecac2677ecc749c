import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'

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
   * Every state-changing form carries a CSRF token — checked by
   * app/middleware/csrf_middleware.ts, which makes the token only when a page
   * renders a form, so that a guest reading public pages gets no session.
   */
  csrf: { enabled: false },

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
