/*
 * The column values of rows read by hand-written queries (db.from, joins,
 * aggregates), as the two drivers give them: the row types of the queries
 * are built from these, and each value is read with Number(), toInstantDate()
 * or a comparison where it is used.
 */

/** An integer column: a number on SQLite, possibly a string (bigint, count, sum) on MySQL. */
export type SqlInteger = number | string

/** A timestamp column: text ('yyyy-MM-dd HH:mm:ss', UTC) on SQLite, a Date on MySQL. */
export type SqlTimestamp = string | Date

/** A boolean column: 0/1 on both (MySQL TINYINT), true/false when Lucid wrote it. */
export type SqlBoolean = number | boolean
