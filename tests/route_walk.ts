/*
 * Walks the router with the records of the authorisation world: every route
 * with a concrete address and the actors its rule lets in.
 */
import router from '@adonisjs/core/services/router'
import { ALLOWED, MATRIX, type MatrixEntry } from '#tests/authorization_matrix'
import type { Actor, World } from '#tests/authorization_world'

export type WalkedRoute = { key: string; url: string; entry: MatrixEntry; actors: readonly Actor[] }

/** The GET routes the matrix knows, each at the address of a world record, with who may open it. */
export function getRoutes(world: World): WalkedRoute[] {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.methods.includes('GET'))
    .map((route) => ({ key: `GET ${route.pattern}`, pattern: route.pattern }))
    .filter(({ key }) => key in MATRIX && MATRIX[key].rule !== 'nowhere')
    .map(({ key, pattern }) => {
      const entry = MATRIX[key]
      return { key, url: addressOf(pattern, entry, world), entry, actors: ALLOWED[entry.rule] }
    })
}

function addressOf(pattern: string, entry: MatrixEntry, world: World) {
  if (entry.path) return entry.path
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const key = entry.params?.[name]
    if (!key) throw new Error(`${pattern}: no record named for :${name}`)
    return encodeURIComponent(String(world[key]))
  })
}
