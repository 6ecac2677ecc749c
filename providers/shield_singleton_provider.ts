import type { ApplicationService } from '@adonisjs/core/types'
import type { ShieldConfig } from '@adonisjs/shield/types'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

/**
 * @adonisjs/shield binds its middleware anew for every request, and that
 * binding awaits a dynamic import('edge.js') each time (a module resolution
 * per request: about a tenth of a public page's CPU under `npm run bench`).
 * The middleware keeps only its configuration and guards, no request state,
 * so one instance serves every request.
 */
export default class ShieldSingletonProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(ShieldMiddleware, async () => {
      const config = this.app.config.get<ShieldConfig>('shield')
      const encryptionManager = await this.app.container.make('encryption')
      const encryption = encryptionManager.use()
      const { default: edge } = await import('edge.js')
      return new ShieldMiddleware(config, encryption, edge)
    })
  }
}
