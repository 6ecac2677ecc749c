/*
 * What the demo agencies offer and declare: items, service commitments,
 * qualifications and named persons. ID-card numbers are made-up numbers with
 * a valid check character; only their hashes are stored.
 */
import { idNumberCheckCharacter } from '#domain/id_card'
import type { PractitionerRole } from '#models/practitioner'

const fakeId = (first17: string) => first17 + idNumberCheckCharacter(first17)

export type DemoAgency = {
  email: string
  items: string[]
  description: string
  commitments: { time: string; fee: string; quality: string }
  /** Type and level codes from the closed list (app/domain/qualification_types.ts). */
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
    /** A code of the closed list of person qualifications (app/domain/person_qualifications.ts). */
    qualificationCode?: string
    qualificationLevel?: string | null
    qualificationValidUntil?: string
  }[]
}

export const DEMO_AGENCIES: DemoAgency[] = [
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
        qualificationCode: 'eia_engineer',
        qualificationValidUntil: '2029-06-30',
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
        type: 'surveying',
        level: 'a',
        certificateNo: '甲测资字51100123',
        issuer: '四川省自然资源厅',
        validUntil: '2028-12-31',
      },
      {
        type: 'real_estate_appraisal',
        level: 'class_2',
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
        qualificationCode: 'surveyor',
        qualificationValidUntil: '2028-12-31',
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
        type: 'safety_evaluation',
        level: 'b',
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
        type: 'geohazard_assessment',
        level: 'a',
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
        qualificationCode: 'geotechnical_engineer',
        qualificationValidUntil: '2028-03-31',
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
