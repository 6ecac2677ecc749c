import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * One set of migrations for two databases: the embedded SQLite file by default
 * (a newcomer needs no server) and MySQL 8 / MariaDB 10.11 in production.
 */
const sqliteFile = app.makePath(env.get('SQLITE_FILE', 'tmp/market.sqlite3'))
// A fresh clone has no tmp/ folder; SQLite needs the directory to exist.
mkdirSync(dirname(sqliteFile), { recursive: true })

export const migrations = { naturalSort: true, paths: ['database/migrations'] }

/**
 * database/schema.ts (the column classes the models extend) is committed and
 * generated on demand only, by `npm run db:schema`, from a fresh SQLite
 * database: migrating (`npm start`, `node ace migration:run`) never rewrites
 * it, and a MySQL installation never turns it into another form.
 */
export const referenceSchemaGeneration = {
  rulesPaths: ['./database/schema_rules.js'],
  excludeTables: ['rate_limits', 'agency_service_items'],
}
const schemaGeneration = { ...referenceSchemaGeneration, enabled: false }

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: app.inDev,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile,
      },
      useNullAsDefault: true,
      migrations,
      schemaGeneration,
      // Tests count the queries of a page through the db:query events.
      debug: app.inTest,
    },
    mysql: {
      client: 'mysql2',
      connection: {
        host: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 3306),
        user: env.get('DB_USER', 'root'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE', 'intermediary_market'),
        // On the database's own machine, its Unix socket (e.g. /run/mysqld/mysqld.sock) costs
        // about half the system time per statement of TCP on 127.0.0.1; host and port are ignored.
        socketPath: env.get('DB_SOCKET_PATH'),
        charset: 'utf8mb4',
        // Store and read DATETIME values as UTC whatever the server's zone.
        timezone: 'Z',
        dateStrings: false,
      },
      // Connections per instance (MySQL's max_connections bounds the sum over instances).
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
      migrations,
      schemaGeneration,
      // Tests count the queries of a page through the db:query events.
      debug: app.inTest,
    },
  },
})

export default dbConfig
