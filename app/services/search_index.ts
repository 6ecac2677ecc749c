import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { gramsOfKeyword, gramsOfName, usccPrefixOf } from '#domain/search_grams'

/*
 * The keyword index of organisation names (organization_search_grams, see
 * app/domain/search_grams.ts), kept in step by the Organization model on
 * every save, in the saving transaction.
 */

const INSERT_CHUNK = 500

/** Replaces the grams of one organisation's name. */
export async function reindexOrganizationName(
  organizationId: number,
  name: string,
  client: QueryClientContract
) {
  await client.from('organization_search_grams').where('organization_id', organizationId).delete()
  const rows = gramsOfName(name).map((gram) => ({ gram, organization_id: organizationId }))
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await client
      .table('organization_search_grams')
      .multiInsert(rows.slice(start, start + INSERT_CHUNK))
  }
}

/** Rebuilds the whole index from the names (migration, bench dataset, repair); returns the rows written. */
export async function rebuildSearchIndex(client: QueryClientContract = db.connection()) {
  await client.from('organization_search_grams').delete()
  let written = 0
  let lastId = 0
  for (;;) {
    const organizations: { id: number; name: string }[] = await client
      .from('organizations')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(2000)
      .select('id', 'name')
    if (organizations.length === 0) break
    lastId = Number(organizations[organizations.length - 1].id)
    const rows = organizations.flatMap((organization) =>
      gramsOfName(organization.name).map((gram) => ({
        gram,
        organization_id: Number(organization.id),
      }))
    )
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await client
        .table('organization_search_grams')
        .multiInsert(rows.slice(start, start + INSERT_CHUNK))
    }
    written += rows.length
  }
  return written
}

/** Keywords are matched literally: % and _ typed by a visitor are not wildcards. */
export function escapeLike(value: string) {
  return value.replace(/[!%_]/g, (char) => `!${char}`)
}

/**
 * Above this many rows of the index a prefix narrows nothing worth a join: a
 * lone `测` begins grams of tens of thousands of names, which the substring
 * test finds as fast among the agencies read in any order.
 */
export const PREFIX_NARROWS_UP_TO = 1000

/** The prefix (`测`, `abc`) held by the fewest rows of the index, if these are few (one query). */
async function rarePrefix(prefixes: string[]) {
  if (prefixes.length === 0) return null
  const bound = PREFIX_NARROWS_UP_TO + 1
  const counts = prefixes.map((prefix) =>
    db
      .from(
        db
          .from('organization_search_grams')
          .whereRaw(`gram like ? escape '!'`, [`${escapeLike(prefix)}%`])
          .select('organization_id')
          .limit(bound)
          .as('t')
      )
      .count('* as n')
  )
  const [first, ...rest] = counts
  for (const query of rest) first.unionAll(query)
  const rows: { n: number | string }[] = await first
  const sizes = rows.map((row) => Number(row.n))
  const rarest = sizes.indexOf(Math.min(...sizes))
  return sizes[rarest] <= PREFIX_NARROWS_UP_TO ? prefixes[rarest] : null
}

/**
 * Narrows a query that has the organisations joined as `o` to those whose
 * name contains the keyword: one join per gram of the keyword (the optimiser
 * starts from the rarest — MySQL and MariaDB estimate each gram's rows from
 * the index — and probes the others by (gram, organization_id)), and the
 * rarest prefix as EXISTS when few names hold it (a prefix may begin several
 * grams of one name), confirmed by the substring test of old. A keyword
 * without any letter or digit is answered by the substring test alone.
 * (Returns nothing: a query builder is a promise of its rows.)
 */
export async function whereNameContains(query: DatabaseQueryBuilderContract, keyword: string) {
  const { exact, prefixes } = gramsOfKeyword(keyword)
  exact.forEach((gram, index) => {
    const alias = `sg${index}`
    query.join(`organization_search_grams as ${alias}`, (join) =>
      join.on(`${alias}.organization_id`, 'o.id').andOnVal(`${alias}.gram`, gram)
    )
  })
  const prefix = await rarePrefix(prefixes)
  if (prefix !== null) {
    query.whereExists((sub) =>
      sub
        .from('organization_search_grams as sp')
        .whereRaw('sp.organization_id = o.id')
        .whereRaw(`sp.gram like ? escape '!'`, [`${escapeLike(prefix)}%`])
        .select(db.raw('1'))
    )
  }
  query.whereRaw(`o.name like ? escape '!'`, [`%${escapeLike(keyword)}%`])
}

/**
 * Narrows a query that has the organisations joined as `o` to those whose
 * 统一社会信用代码 is the keyword or begins with it (through the unique index
 * on uscc); null when the keyword cannot be one (see usccPrefixOf).
 */
export function whereUsccBegins(query: DatabaseQueryBuilderContract, keyword: string) {
  const uscc = usccPrefixOf(keyword)
  return uscc === null ? null : query.where('o.uscc', 'like', `${uscc}%`)
}

/**
 * The keyword tested on each row of a query that has the organisations joined
 * as `o`, without the index: what a query read in its sort order checks when
 * the keyword is common enough to fill a page after a few rows.
 */
export function whereKeywordFound(query: DatabaseQueryBuilderContract, keyword: string) {
  const uscc = usccPrefixOf(keyword)
  return query.where((where) => {
    where.whereRaw(`o.name like ? escape '!'`, [`%${escapeLike(keyword)}%`])
    if (uscc !== null) where.orWhere('o.uscc', 'like', `${uscc}%`)
  })
}
