import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The owner's evaluation window is counted in working days (15 working days
 * after acceptance), not calendar days: each stored rule-set version keeps its
 * value under the new name.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      await this.rename(db, 'evaluationWindowDays', 'evaluationWindowWorkingDays')
    })
  }

  async down() {
    this.defer(async (db) => {
      await this.rename(db, 'evaluationWindowWorkingDays', 'evaluationWindowDays')
    })
  }

  private async rename(db: Parameters<Parameters<BaseSchema['defer']>[0]>[0], from: string, to: string) {
    const rows: { id: number; parameters: string }[] = await db
      .from('rule_sets')
      .select('id', 'parameters')
    for (const row of rows) {
      const parameters = JSON.parse(row.parameters) as Record<string, unknown>
      if (!(from in parameters)) continue
      parameters[to] = parameters[from]
      delete parameters[from]
      await db
        .from('rule_sets')
        .where('id', row.id)
        .update({ parameters: JSON.stringify(parameters) })
    }
  }
}
