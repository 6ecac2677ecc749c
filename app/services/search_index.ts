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

type Term = { op: '=' | 'like'; value: string }

/**
 * The term of a keyword held by the fewest rows of the index, with its rows
 * counted up to one past PREFIX_NARROWS_UP_TO (one query, a bounded read of
 * the index per term).
 */
async function rarestTerm(terms: Term[]) {
  const bound = PREFIX_NARROWS_UP_TO + 1
  const counts = terms.map((term) => {
    const rows = db.from('organization_search_grams').select('organization_id').limit(bound)
    if (term.op === '=') rows.where('gram', term.value)
    else rows.whereRaw(`gram like ? escape '!'`, [term.value])
    return db.from(rows.as('t')).count('* as n')
  })
  const [first, ...rest] = counts
  for (const query of rest) first.unionAll(query)
  const sizes = ((await first) as { n: number | string }[]).map((row) => Number(row.n))
  const rarest = sizes.indexOf(Math.min(...sizes))
  return { term: terms[rarest], rows: sizes[rarest] }
}

/**
 * Narrows a query that has the organisations joined as `o` to those whose
 * name contains the keyword: the names that hold the keyword's rarest gram
 * (a join), or begin a gram with its rarest prefix (EXISTS: a prefix may begin
 * several grams of one name) when few names do, confirmed by the substring
 * test of old, which alone answers a keyword without any letter or digit.
 * One gram is enough to narrow: probing the others costs a common keyword
 * more than it saves a rare one. False when no name holds that term: the
 * query would find nothing. (Not the query: a query builder is a promise of
 * its rows.)
 */
export async function whereNameContains(
  query: DatabaseQueryBuilderContract,
  keyword: string
): Promise<boolean> {
  const { exact, prefixes } = gramsOfKeyword(keyword)
  const terms: Term[] = [
    ...exact.map((gram) => ({ op: '=' as const, value: gram })),
    ...prefixes.map((prefix) => ({ op: 'like' as const, value: `${escapeLike(prefix)}%` })),
  ]
  if (terms.length > 0) {
    const { term, rows } = await rarestTerm(terms)
    if (rows === 0) return false
    if (term.op === '=') {
      query.join('organization_search_grams as sg', (join) =>
        join.on('sg.organization_id', 'o.id').andOnVal('sg.gram', term.value)
      )
    } else if (rows <= PREFIX_NARROWS_UP_TO) {
      query.whereExists((sub) =>
        sub
          .from('organization_search_grams as sg')
          .whereRaw('sg.organization_id = o.id')
          .whereRaw(`sg.gram like ? escape '!'`, [term.value])
          .select(db.raw('1'))
      )
    }
  }
  query.whereRaw(`o.name like ? escape '!'`, [`%${escapeLike(keyword)}%`])
  return true
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
