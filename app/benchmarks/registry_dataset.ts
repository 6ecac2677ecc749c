import db from '@adonisjs/lucid/services/db'
import { completeUscc, USCC_ALPHABET } from '#domain/uscc'
import { REGION_CODES } from '#domain/regions'
import { seededRandom } from '#domain/seeded_random'

const CITIES = [
  '眉山',
  '成都',
  '乐山',
  '绵阳',
  '德阳',
  '重庆',
  '西安',
  '昆明',
  '贵阳',
  '武汉',
  '长沙',
  '杭州',
]
const BRANDS = [
  '蜀通',
  '天衡',
  '正源',
  '华测',
  '恒信',
  '博远',
  '中诚',
  '青禾',
  '锦程',
  '明德',
  '嘉睿',
  '安澜',
  '泰和',
  '鼎新',
]
const TRADES = [
  '环境科技',
  '工程咨询',
  '测绘地理信息',
  '安全技术',
  '地质勘察',
  '评估咨询',
  '规划设计',
  '检测技术',
]

/**
 * A registry of `count` listed agencies with 1–4 items each, inserted in
 * batches (set-based, not one row at a time). Deterministic for a given seed.
 */
export async function generateAgencies(count: number, onProgress: (done: number) => void) {
  const random = seededRandom(20261122)
  const activeItems: { id: number }[] = await db
    .from('service_items')
    .where('status', 'active')
    .select('id')
  const itemIds = activeItems.map((row) => row.id)
  // Sichuan is over-represented, as in a provincial market; every province appears.
  const sichuan = REGION_CODES.filter((code) => code.startsWith('51'))
  const batchSize = 1000
  const now = new Date()

  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start)
    const organizations = Array.from({ length: size }, (_, offset) => {
      const serial = start + offset
      const region = random.next() < 0.6 ? random.pick(sichuan) : random.pick(REGION_CODES)
      return {
        name: `${random.pick(CITIES)}${random.pick(BRANDS)}${random.pick(TRADES)}有限公司（${serial + 1}）`,
        uscc: benchUscc(serial, region),
        kind: 'agency',
        region_code: region,
        contact_name: '联系人',
        phone: '13800000000',
        email: null,
        created_at: now,
        updated_at: now,
      }
    })
    await db.table('organizations').multiInsert(organizations)
    const inserted: { id: number; region_code: string }[] = await db
      .from('organizations')
      .whereIn(
        'uscc',
        organizations.map((organization) => organization.uscc)
      )
      .select('id', 'region_code')

    // The directory index columns are filled as reindexAgency() would fill them.
    const profiles = []
    const offers = []
    for (const { id, region_code: regionCode } of inserted) {
      const chosen = new Set<number>()
      const howMany = random.integer(1, 4)
      while (chosen.size < howMany) chosen.add(random.pick(itemIds))
      const status = random.next() < 0.97 ? 'active' : 'withdrawn'
      const index = {
        listed: status === 'active',
        region_code: regionCode,
        province_code: regionCode.slice(0, 2),
      }
      const creditScore = random.integer(55, 98)
      for (const itemId of chosen) {
        offers.push({
          organization_id: id,
          service_item_id: itemId,
          ...index,
          credit_score: creditScore,
        })
      }
      profiles.push({
        organization_id: id,
        status,
        credit_score: creditScore,
        item_count: chosen.size,
        ...index,
        listed_at: now,
        created_at: now,
        updated_at: now,
      })
    }
    await db.table('agency_profiles').multiInsert(profiles)
    await db.table('agency_service_items').multiInsert(offers)
    onProgress(start + size)
  }
}

/** A valid, unique USCC for the n-th generated agency. */
function benchUscc(serial: number, region: string) {
  let body = ''
  let rest = serial + 31 ** 6
  for (let i = 0; i < 8; i++) {
    body = USCC_ALPHABET[rest % 31] + body
    rest = Math.floor(rest / 31)
  }
  return completeUscc(`91${region}${body}`)
}
