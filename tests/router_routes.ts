import router from '@adonisjs/core/services/router'
import type { MatrixEntry } from '#tests/authorization_matrix'
import type { World } from '#tests/authorization_world'

/** Every method + pattern of the router (HEAD rides along with GET). */
export function routerRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ key: `${method} ${route.pattern}`, method, pattern: route.pattern }))
    )
}

/** The address of a route pattern with each parameter filled from the world's records. */
export function addressOf(pattern: string, entry: MatrixEntry, world: World) {
  if (entry.path) return entry.path
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const key = entry.params?.[name]
    if (!key) throw new Error(`${pattern}: no record named for :${name}`)
    return encodeURIComponent(String(world[key]))
  })
}
