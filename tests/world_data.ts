/*
 * The people, agencies and catalog of the test market: one owner, eight
 * agencies (two from Chongqing; five offer environmental impact assessment
 * ZJ-001, so every selection method can be tried), one regulator and one
 * platform admin, and fifteen catalog items. Owned by the tests, so that the
 * demo content of a new installation can change without changing a test.
 * USCCs carry real check characters; ID-card numbers are made up, with a
 * valid check character.
 */
import { completeUscc } from '#domain/uscc'
import { idNumberCheckCharacter } from '#domain/id_card'
import type { Role } from '#domain/roles'
import type { FeeType } from '#models/service_item'
import type { PractitionerRole } from '#models/practitioner'

export const WORLD_PASSWORD = 'world-market-2026'

export type WorldServiceItem = {
  code: string
  name: string
  category: string
  legalBasis: string
  requiredQualification: string | null
  approvalItem: string
  approvalDepartment: string
  timeLimitWorkingDays: number
  feeType: FeeType
  feeMinFen: number | null
  feeMaxFen: number | null
}

export const WORLD_SERVICE_ITEMS: WorldServiceItem[] = [
  {
    code: 'ZJ-001',
    name: '建设项目环境影响报告书（表）编制',
    category: '生态环境',
    legalBasis: '《中华人民共和国环境影响评价法》第十六条、第十九条',
    requiredQualification: null,
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
    requiredQualification: null,
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
    requiredQualification: null,
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
    requiredQualification: '地质灾害防治单位资质（评估类）',
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
    requiredQualification: null,
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
    requiredQualification: null,
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
    requiredQualification: '测绘资质（工程测量）',
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
    requiredQualification: '安全评价机构资质',
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
    requiredQualification: '职业卫生技术服务机构资质',
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
    requiredQualification: null,
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
    requiredQualification: '施工图审查机构认定',
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
    requiredQualification: '房地产估价机构备案',
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
    requiredQualification: '雷电防护装置检测资质',
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
    requiredQualification: '考古发掘资质',
    approvalItem: '建设工程文物保护和考古许可',
    approvalDepartment: '市文化广播电视和旅游局',
    timeLimitWorkingDays: 30,
    feeType: 'market',
    feeMinFen: null,
    feeMaxFen: null,
  },
]

export type WorldAccount = {
  role: Role
  orgName: string
  uscc: string
  region: string
  contactName: string
  phone: string
  email: string
}

export const WORLD_ACCOUNTS: WorldAccount[] = [
  {
    role: 'owner',
    orgName: '眉山市东坡区城市建设投资有限公司',
    uscc: completeUscc('91511402MA62Q8L1'),
    region: '511400',
    contactName: '王建国',
    phone: '13800001001',
    email: 'owner@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川绿源环境科技有限公司',
    uscc: completeUscc('91511400MA6CX0N5'),
    region: '511400',
    contactName: '李秀英',
    phone: '13800002001',
    email: 'agency1@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '成都天府测绘工程有限公司',
    uscc: completeUscc('91510100MA61T3PB'),
    region: '510100',
    contactName: '张伟',
    phone: '13800002002',
    email: 'agency2@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '重庆长江安全技术评价有限公司',
    uscc: completeUscc('91500000MA5U7HJ2'),
    region: '500000',
    contactName: '刘洋',
    phone: '13800002003',
    email: 'agency3@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川蜀安地质工程勘察有限公司',
    uscc: completeUscc('91511100MA62K4DR'),
    region: '511100',
    contactName: '陈静',
    phone: '13800002004',
    email: 'agency4@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '四川清源环保工程咨询有限公司',
    uscc: completeUscc('91510100MA6DPK3W'),
    region: '510100',
    contactName: '周涛',
    phone: '13800002005',
    email: 'agency5@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '乐山嘉州环境评价有限公司',
    uscc: completeUscc('91511100MA64R7XH'),
    region: '511100',
    contactName: '黄丽',
    phone: '13800002006',
    email: 'agency6@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '眉山市节能技术服务有限公司',
    uscc: completeUscc('91511400MA6E8TQ4'),
    region: '511400',
    contactName: '郑磊',
    phone: '13800002007',
    email: 'agency7@demo.example.com',
  },
  {
    role: 'agency',
    orgName: '重庆山城生态环境咨询有限公司',
    uscc: completeUscc('91500000MA5UHB2N'),
    region: '500000',
    contactName: '罗娟',
    phone: '13800002008',
    email: 'agency8@demo.example.com',
  },
  {
    role: 'regulator',
    orgName: '眉山市政务服务管理局',
    uscc: completeUscc('11511400MB1F2341'),
    region: '511400',
    contactName: '赵敏',
    phone: '028-38100001',
    email: 'regulator@demo.example.com',
  },
  {
    role: 'admin',
    orgName: '眉山市公共资源交易服务中心',
    uscc: completeUscc('12511400MB1A6672'),
    region: '511400',
    contactName: '孙磊',
    phone: '028-38100002',
    email: 'admin@demo.example.com',
  },
]

const fakeId = (first17: string) => first17 + idNumberCheckCharacter(first17)

export type WorldAgency = {
  email: string
  items: string[]
  description: string
  commitments: { time: string; fee: string; quality: string }
  qualifications: {
    type: string
    level: string | null
    certificateNo: string
    issuer: string
    validUntil: string
  }[]
  practitioners: {
    name: string
    idNumber: string
    role: PractitionerRole
    certificateNo: string | null
  }[]
}

export const WORLD_AGENCIES: WorldAgency[] = [
  {
    email: 'agency1@demo.example.com',
    items: ['ZJ-001', 'ZJ-002', 'ZJ-005', 'ZJ-006'],
    description: '专注建设项目环境影响评价、节能评估与水土保持方案编制，服务眉山及周边项目十余年。',
    commitments: {
      time: '报告书 20 个工作日、报告表 10 个工作日内提交',
      fee: '按合同约定分阶段收费，不另收任何费用',
      quality: '报告一次性通过技术评审，否则免费修改',
    },
    qualifications: [],
    practitioners: [
      {
        name: '李秀英',
        idNumber: fakeId('51140219800101002'),
        role: 'manager',
        certificateNo: null,
      },
      {
        name: '何志强',
        idNumber: fakeId('51140219850315003'),
        role: 'practitioner',
        certificateNo: '环评工程师 HP00012345',
      },
    ],
  },
  {
    email: 'agency2@demo.example.com',
    items: ['ZJ-007', 'ZJ-012'],
    description: '工程测量、规划放线与竣工测量，土地及房地产估价。',
    commitments: {
      time: '外业完成后 5 个工作日内出具成果',
      fee: '不高于公布的参考价',
      quality: '成果经质检合格方交付',
    },
    qualifications: [
      {
        type: '测绘资质（工程测量）',
        level: '甲级',
        certificateNo: '甲测资字51100123',
        issuer: '四川省自然资源厅',
        validUntil: '2028-12-31',
      },
      {
        type: '房地产估价机构备案',
        level: '二级',
        certificateNo: '川建房估备字〔2024〕0456',
        issuer: '四川省住房和城乡建设厅',
        validUntil: '2027-06-30',
      },
    ],
    practitioners: [
      { name: '张伟', idNumber: fakeId('51010719780612001'), role: 'manager', certificateNo: null },
      {
        name: '吴敏',
        idNumber: fakeId('51010719900823004'),
        role: 'practitioner',
        certificateNo: '注册测绘师 CH2020001',
      },
    ],
  },
  {
    email: 'agency3@demo.example.com',
    items: ['ZJ-008', 'ZJ-009', 'ZJ-013'],
    description: '安全评价、职业病危害评价与防雷技术服务，川渝两地执业。',
    commitments: {
      time: '预评价报告 15 个工作日内提交',
      fee: '一次报价，全程不加价',
      quality: '评价结论依法依规，终身负责',
    },
    qualifications: [
      {
        type: '安全评价机构资质',
        level: null,
        certificateNo: 'APJ-（渝）-002',
        issuer: '重庆市应急管理局',
        validUntil: '2027-03-31',
      },
    ],
    practitioners: [
      { name: '刘洋', idNumber: fakeId('50010319750505005'), role: 'manager', certificateNo: null },
    ],
  },
  {
    email: 'agency4@demo.example.com',
    items: ['ZJ-003', 'ZJ-004', 'ZJ-010'],
    description: '地质灾害危险性评估、地震安全性评价与林地可行性报告编制。',
    commitments: {
      time: '评估报告 15 个工作日内提交',
      fee: '按工作量据实收费，明码标价',
      quality: '评审不通过无偿修改至通过',
    },
    qualifications: [
      {
        type: '地质灾害防治单位资质（评估类）',
        level: '甲级',
        certificateNo: '川地灾评资字 20230017',
        issuer: '四川省自然资源厅',
        validUntil: '2026-12-31',
      },
    ],
    practitioners: [
      { name: '陈静', idNumber: fakeId('51110219820909006'), role: 'manager', certificateNo: null },
      {
        name: '杨帆',
        idNumber: fakeId('51110219930211007'),
        role: 'practitioner',
        certificateNo: '注册岩土工程师 AY0098',
      },
    ],
  },
  {
    email: 'agency5@demo.example.com',
    items: ['ZJ-001', 'ZJ-002'],
    description: '环境影响评价与节能评估，成都本地团队，熟悉工业园区项目。',
    commitments: {
      time: '报告表 8 个工作日内提交',
      fee: '报价含全部评审配合费用',
      quality: '评审意见 3 个工作日内修改完毕',
    },
    qualifications: [],
    practitioners: [
      { name: '周涛', idNumber: fakeId('51010419790203008'), role: 'manager', certificateNo: null },
    ],
  },
  {
    email: 'agency6@demo.example.com',
    items: ['ZJ-001', 'ZJ-005'],
    description: '环评报告表与水土保持方案编制，乐山、眉山项目经验丰富。',
    commitments: {
      time: '报告表 10 个工作日内提交',
      fee: '分阶段收费，不收预付款',
      quality: '一次通过评审，否则退还一半费用',
    },
    qualifications: [],
    practitioners: [
      { name: '黄丽', idNumber: fakeId('51110219860724009'), role: 'manager', certificateNo: null },
    ],
  },
  {
    email: 'agency7@demo.example.com',
    items: ['ZJ-001', 'ZJ-002'],
    description: '节能报告与环境影响评价，服务眉山市县两级审批项目。',
    commitments: {
      time: '节能报告 10 个工作日内提交',
      fee: '按参考价下浮收费',
      quality: '终身负责，免费补正',
    },
    qualifications: [],
    practitioners: [
      { name: '郑磊', idNumber: fakeId('51140219880412010'), role: 'manager', certificateNo: null },
    ],
  },
  {
    email: 'agency8@demo.example.com',
    items: ['ZJ-001', 'ZJ-006'],
    description: '重庆机构，承接川渝两地环境影响评价与排污许可技术服务。',
    commitments: {
      time: '报告表 12 个工作日内提交',
      fee: '一口价，全程不加价',
      quality: '专家内审后提交',
    },
    qualifications: [],
    practitioners: [
      { name: '罗娟', idNumber: fakeId('50010319830918011'), role: 'manager', certificateNo: null },
    ],
  },
]
