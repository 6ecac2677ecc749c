/*
 * Demo catalog: intermediary services that administrative approvals still
 * require (保留的行政审批中介服务事项), with the fields the seeds ask the
 * catalog to publish. Fee bounds are in fen.
 */
import type { FeeType } from '#models/service_item'
import type { ServiceGuide } from '#domain/service_guide'
import { requirementLabel } from '#domain/qualification_types'
import { DEMO_SERVICE_GUIDES } from '#database/data/service_guides'

export type ServiceItemSeed = {
  code: string
  name: string
  category: string
  legalBasis: string
  /** From the closed list (app/domain/qualification_types.ts), with the minimum level. */
  qualificationType: string | null
  qualificationLevel: string | null
  /**
   * The person qualification (app/domain/person_qualifications.ts) the lead
   * must hold, where the demo market asks for one (absent: none).
   */
  leadQualification?: string | null
  leadQualificationLevel?: string | null
  approvalItem: string
  approvalDepartment: string
  timeLimitWorkingDays: number
  feeType: FeeType
  feeMinFen: number | null
  feeMaxFen: number | null
  guide: ServiceGuide
}

const ITEMS: Omit<ServiceItemSeed, 'guide'>[] = [
  {
    code: 'ZJ-001',
    name: '建设项目环境影响报告书（表）编制',
    category: '生态环境',
    legalBasis: '《中华人民共和国环境影响评价法》第十六条、第十九条',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '建设项目环境影响评价文件审批',
    approvalDepartment: '市生态环境局',
    timeLimitWorkingDays: 30,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-002',
    name: '固定资产投资项目节能报告编制',
    category: '发展改革',
    legalBasis: '《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '固定资产投资项目节能审查',
    approvalDepartment: '市发展和改革委员会',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-003',
    name: '地震安全性评价',
    category: '防震减灾',
    legalBasis: '《中华人民共和国防震减灾法》第三十五条；《地震安全性评价管理条例》',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '建设工程抗震设防要求确定',
    approvalDepartment: '市防震减灾局',
    timeLimitWorkingDays: 30,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-004',
    name: '地质灾害危险性评估',
    category: '自然资源',
    legalBasis: '《地质灾害防治条例》第二十一条',
    qualificationType: 'geohazard_assessment',
    qualificationLevel: 'b',
    approvalItem: '建设项目用地预审与选址意见书核发',
    approvalDepartment: '市自然资源和规划局',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-005',
    name: '生产建设项目水土保持方案编制',
    category: '水利',
    legalBasis: '《中华人民共和国水土保持法》第二十五条',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '生产建设项目水土保持方案审批',
    approvalDepartment: '市水利局',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-006',
    name: '洪水影响评价报告编制',
    category: '水利',
    legalBasis: '《中华人民共和国防洪法》第二十七条、第三十三条；《中华人民共和国水法》第三十八条',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '洪水影响评价类审批',
    approvalDepartment: '市水利局',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-007',
    name: '建设工程测绘（规划放线、竣工规划核实测量）',
    category: '测绘',
    legalBasis: '《中华人民共和国测绘法》第二十七条；《中华人民共和国城乡规划法》第四十五条',
    qualificationType: 'surveying',
    qualificationLevel: 'b',
    // 测绘成果由注册测绘师签字: the lead of a response must be one.
    leadQualification: 'surveyor',
    approvalItem: '建设工程规划许可证核发；建设工程规划条件核实',
    approvalDepartment: '市自然资源和规划局',
    timeLimitWorkingDays: 15,
    feeType: 'reference',
    feeMinFen: 500_000,
    feeMaxFen: 20_000_000,
  },
  {
    code: 'ZJ-008',
    name: '建设项目安全预评价',
    category: '应急管理',
    legalBasis: '《中华人民共和国安全生产法》第三十二条；《危险化学品建设项目安全监督管理办法》',
    qualificationType: 'safety_evaluation',
    qualificationLevel: null,
    approvalItem: '危险化学品建设项目安全条件审查',
    approvalDepartment: '市应急管理局',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-009',
    name: '建设项目职业病危害预评价',
    category: '卫生健康',
    legalBasis: '《中华人民共和国职业病防治法》第十七条',
    qualificationType: 'occupational_health',
    qualificationLevel: null,
    approvalItem: '建设项目职业病危害预评价报告审核',
    approvalDepartment: '市卫生健康委员会',
    timeLimitWorkingDays: 20,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-010',
    name: '建设项目使用林地可行性报告编制',
    category: '林业',
    legalBasis: '《中华人民共和国森林法》第三十七条；《建设项目使用林地审核审批管理办法》',
    qualificationType: null,
    qualificationLevel: null,
    approvalItem: '建设项目使用林地审核审批',
    approvalDepartment: '市林业局',
    timeLimitWorkingDays: 15,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
  {
    code: 'ZJ-011',
    name: '房屋建筑和市政基础设施工程施工图设计文件审查',
    category: '住房城乡建设',
    legalBasis:
      '《建设工程质量管理条例》第十一条；《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》',
    qualificationType: 'drawing_review',
    qualificationLevel: 'class_2',
    approvalItem: '建筑工程施工许可证核发',
    approvalDepartment: '市住房和城乡建设局',
    timeLimitWorkingDays: 10,
    feeType: 'government_guided',
    feeMinFen: 300_000,
    feeMaxFen: 30_000_000,
  },
  {
    code: 'ZJ-012',
    name: '土地及房地产估价',
    category: '资产评估',
    legalBasis: '《中华人民共和国城市房地产管理法》第三十四条；《中华人民共和国资产评估法》',
    qualificationType: 'real_estate_appraisal',
    qualificationLevel: 'class_2',
    approvalItem: '国有建设用地使用权出让、划拨审批',
    approvalDepartment: '市自然资源和规划局',
    timeLimitWorkingDays: 10,
    feeType: 'reference',
    feeMinFen: 200_000,
    feeMaxFen: 10_000_000,
  },
  {
    code: 'ZJ-013',
    name: '防雷装置设计技术评价',
    category: '气象',
    legalBasis: '《气象灾害防御条例》第二十三条；《防雷减灾管理办法》',
    qualificationType: 'lightning_protection',
    qualificationLevel: 'b',
    approvalItem: '防雷装置设计审核',
    approvalDepartment: '市气象局',
    timeLimitWorkingDays: 10,
    feeType: 'government_priced',
    feeMinFen: 200_000,
    feeMaxFen: 2_000_000,
  },
  {
    code: 'ZJ-014',
    name: '文物影响评估及考古调查勘探',
    category: '文物',
    legalBasis: '《中华人民共和国文物保护法》第二十九条',
    qualificationType: 'archaeology',
    qualificationLevel: null,
    approvalItem: '建设工程文物保护和考古许可',
    approvalDepartment: '市文化广播电视和旅游局',
    timeLimitWorkingDays: 30,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
]

export const DEMO_SERVICE_ITEMS: ServiceItemSeed[] = ITEMS.map((item) => ({
  ...item,
  guide: DEMO_SERVICE_GUIDES[item.code],
}))

/** A seed as the catalog verbs take it (createServiceItem): the guide in its form fields. */
export function serviceItemInput({ guide, ...item }: ServiceItemSeed) {
  return {
    ...item,
    provision: guide.provision,
    feeBasisDocument: guide.feeBasis?.document ?? null,
    feeBasisArticle: guide.feeBasis?.article ?? null,
    regionalCoverage: guide.regionalCoverage,
    guideBasis: guide.basis,
    guideScope: guide.scope,
    guideObject: guide.object,
    guideContent: guide.content.join('\n'),
    guideMethod: guide.method,
    guideConclusion: guide.conclusion,
    materials: guide.materials.join('\n'),
  }
}

/**
 * A seed as the columns of service_items (test worlds write them directly).
 * Test worlds leave out the lead's person qualification: a spec about named
 * persons sets it on the item it uses, the others bid without naming anyone.
 */
export function serviceItemColumns({
  guide,
  leadQualification: _lead,
  leadQualificationLevel: _level,
  ...item
}: ServiceItemSeed) {
  return {
    ...item,
    requiredQualification: item.qualificationType
      ? requirementLabel({ type: item.qualificationType, level: item.qualificationLevel })
      : null,
    guide: JSON.stringify(guide),
  }
}
