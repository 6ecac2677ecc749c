import type { SchemaRules } from '@adonisjs/lucid/types/schema_generator'

/**
 * Rules for the generated database/schema.ts. Money is integer fen in BIGINT
 * columns; amounts stay far below 2^53, so they are plain numbers in code.
 */
const rules: SchemaRules = {
  types: {
    bigint: { tsType: 'number', decorators: [{ name: '@column' }] },
  },
}

export default rules
