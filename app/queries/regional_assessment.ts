import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { coveringRegion, parseGuide } from '#domain/service_guide'
import { regionName } from '#domain/regions'

/**
 * 区域评估…不再单独编报: whether the project's item is covered by a regional
 * assessment where the project is (its item's current guide), with the
 * covering region and the item's name; null when it is required there.
 */
export async function regionalAssessmentOf(
  project: { serviceItemId: number; regionCode: string | null },
  locale = 'zh-CN',
  client: QueryClientContract = db.connection()
) {
  const item: { name: string; guide: string | null } = await client
    .from('service_items')
    .where('id', project.serviceItemId)
    .select('name', 'guide')
    .firstOrFail()
  const covering = coveringRegion(parseGuide(item.guide).regionalCoverage, project.regionCode)
  if (!covering) return null
  return { regionCode: covering, region: regionName(covering, locale), item: item.name }
}
