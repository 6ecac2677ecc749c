/*
 * The database store of the API's rate limiter (config/limiter.ts): the
 * library's, except that on MySQL/MariaDB a request is counted in two
 * autocommitted statements — the upsert of the key's count, then its read —
 * instead of a transaction of four round trips (BEGIN, upsert, read, COMMIT)
 * on a pooled connection at every API request. Each count is still added
 * atomically by its one upsert; the read may also see a count another request
 * added after it, so a budget can look spent one request early, never late.
 */
import { configProvider } from '@adonisjs/core'
import { stores } from '@adonisjs/limiter'
import type { LimiterManagerStoreFactory } from '@adonisjs/limiter/types'
import { RateLimiterMySQL } from 'rate-limiter-flexible'

type Connection = {
  query(
    sql: string,
    values: unknown[],
    callback: (error: Error | null, rows?: unknown) => void
  ): void
}

/** RateLimiterMySQL without the transaction around its upsert and read. */
class AutocommitRateLimiterMySQL extends RateLimiterMySQL {
  declare dbName: string
  declare tableName: string

  _upsertTransaction(
    conn: Connection,
    key: string,
    points: number,
    msDuration: number,
    forceExpire: boolean
  ) {
    const now = Date.now()
    const expire = msDuration > 0 ? now + msDuration : null
    const [sql, values] = forceExpire
      ? [
          'INSERT INTO ??.?? VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE points = ?, expire = ?',
          [this.dbName, this.tableName, key, points, expire, points, expire],
        ]
      : [
          `INSERT INTO ??.?? VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE
            points = IF(expire <= ?, ?, points + (?)), expire = IF(expire <= ?, ?, expire)`,
          [this.dbName, this.tableName, key, points, expire, now, points, points, now, expire],
        ]
    const run = (text: string, parameters: unknown[]) =>
      new Promise<unknown>((resolve, reject) =>
        conn.query(text, parameters, (error, rows) => (error ? reject(error) : resolve(rows)))
      )
    return run(sql, values).then(() =>
      run('SELECT points, expire FROM ??.?? WHERE `key` = ?', [this.dbName, this.tableName, key])
    )
  }
}

/** stores.database of @adonisjs/limiter, counting as above on MySQL/MariaDB. */
export function autocommitDatabaseStore(config: Parameters<typeof stores.database>[0]) {
  const library = stores.database(config)
  return configProvider.create<LimiterManagerStoreFactory>(async (app) => {
    const factory = await library.resolver(app)
    return (options) => {
      const store = factory(options)
      // The library built the limiter from config/limiter.ts; only how it counts changes.
      const { rateLimiter } = store as unknown as { rateLimiter: object }
      if (rateLimiter instanceof RateLimiterMySQL) {
        Object.setPrototypeOf(rateLimiter, AutocommitRateLimiterMySQL.prototype)
      }
      return store
    }
  })
}
