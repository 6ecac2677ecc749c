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

/**
 * When even the rarest gram of a keyword is in this many names (`有限公司`,
 * `司`), reading the names once is cheaper than confirming the candidates
 * one by one: the keyword is answered by the scan.
 */
export const SCAN_ABOVE_CANDIDATES = 1000

/** How many rows of the index the rarest term of a keyword has (one query; counted up to a bound). */
async function rarestTermCount(
  terms: { op: string; value: string }[],
  client: QueryClientContract
) {
  const bound = SCAN_ABOVE_CANDIDATES + 1
  const counts = terms.map((term) => {
    const rows = client.from('organization_search_grams').select('organization_id').limit(bound)
    if (term.op === '=') rows.where('gram', term.value)
    else rows.whereRaw(`gram like ? escape '!'`, [term.value])
    return client.from(rows.as('t')).count('* as n')
  })
  const [first, ...rest] = counts
  for (const query of rest) first.unionAll(query)
  const rows: { n: number | string }[] = await first
  return Math.min(...rows.map((row) => Number(row.n)))
}

/** Keywords are matched literally: % and _ typed by a visitor are not wildcards. */
export function escapeLike(value: string) {
  return value.replace(/[!%_]/g, (char) => `!${char}`)
}

/**
 * The ids of the organisations a keyword finds: those whose name contains it
 * (the substring test of old, run only on the candidates the grams give), and
 * those whose 统一社会信用代码 is the keyword or begins with it (6 characters
 * at least). A keyword without any letter or digit, or whose rarest gram is
 * in too many names, is answered by the scan. (Wrapped: a query builder is a
 * promise of its rows.)
 */
export async function organizationsMatching(
  keyword: string,
  client: QueryClientContract = db.connection()
): Promise<{ query: DatabaseQueryBuilderContract }> {
  const { exact, prefixes } = gramsOfKeyword(keyword)
  const byName = client
    .from('organizations as so')
    .whereRaw(`so.name like ? escape '!'`, [`%${escapeLike(keyword)}%`])
    .select('so.id')
  const terms = [
    ...exact.map((gram) => ({ op: '=', value: gram })),
    ...prefixes.map((prefix) => ({ op: 'like', value: `${escapeLike(prefix)}%` })),
  ]
  if (terms.length > 0 && (await rarestTermCount(terms, client)) <= SCAN_ABOVE_CANDIDATES) {
    // One join per gram: the optimiser starts from the rarest (MySQL and
    // MariaDB estimate each gram's rows from the index), then probes the
    // others by (organization_id, gram).
    const [first, ...rest] = terms
    const candidates = client.from('organization_search_grams as g0')
    const where = (alias: string, term: { op: string; value: string }) =>
      term.op === '='
        ? candidates.where(`${alias}.gram`, term.value)
        : candidates.whereRaw(`${alias}.gram like ? escape '!'`, [term.value])
    where('g0', first)
    rest.forEach((term, index) => {
      const alias = `g${index + 1}`
      if (term.op === '=') {
        candidates.join(`organization_search_grams as ${alias}`, (join) =>
          join
            .on(`${alias}.organization_id`, 'g0.organization_id')
            .andOnVal(`${alias}.gram`, term.value)
        )
      } else {
        candidates.whereExists((sub) =>
          sub
            .from(`organization_search_grams as ${alias}`)
            .whereRaw(`${alias}.organization_id = g0.organization_id`)
            .whereRaw(`${alias}.gram like ? escape '!'`, [term.value])
            .select(client.raw('1'))
        )
      }
    })
    byName.whereIn('so.id', candidates.distinct('g0.organization_id'))
  }
  const uscc = usccPrefixOf(keyword)
  if (uscc !== null) {
    byName.union((query) => {
      query.from('organizations as su').where('su.uscc', 'like', `${uscc}%`).select('su.id')
    })
  }
  // A LIMIT makes MariaDB materialise the matches once instead of probing the names of every
  // listed agency one by one (4× faster with 100,000 agencies when the names are scanned).
  return { query: byName.limit(10_000_000) }
}
