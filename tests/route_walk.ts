/*
 * Walks the router with the records of the authorisation world: every route
 * with a concrete address and the actors its rule lets in.
 */
import { ALLOWED, MATRIX, type MatrixEntry } from '#tests/authorization_matrix'
import type { Actor, World } from '#tests/authorization_world'
import { addressOf, routerRoutes } from '#tests/router_routes'

export type WalkedRoute = { key: string; url: string; entry: MatrixEntry; actors: readonly Actor[] }

/** The GET routes the matrix knows, each at the address of a world record, with who may open it. */
export function getRoutes(world: World): WalkedRoute[] {
  return routerRoutes()
    .filter(
      ({ method, key }) => method === 'GET' && key in MATRIX && MATRIX[key].rule !== 'nowhere'
    )
    .map(({ key, pattern }) => {
      const entry = MATRIX[key]
      return { key, url: addressOf(pattern, entry, world), entry, actors: ALLOWED[entry.rule] }
    })
}
