/*
 * Reusable shapes of the API's answers (components.schemas). They describe the
 * floor of API.md: answers may carry more fields, so objects stay open.
 */
import type { JsonSchema } from '#open_api/types'
import {
  PERSON_QUALIFICATION_CODES,
  PERSON_QUALIFICATION_LEVEL_CODES,
} from '#domain/person_qualifications'
import { ROLES, ORGANIZATION_KINDS } from '#domain/roles'
import { TOKEN_ABILITIES } from '#domain/token_scopes'
import { QUALIFICATION_LEVEL_CODES, QUALIFICATION_TYPE_CODES } from '#domain/qualification_types'

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
export const listOf = (name: string, paged = false): JsonSchema => ({
  type: 'object',
  required: paged ? ['data', 'meta'] : ['data'],
  properties: {
    data: { type: 'array', items: ref(name) },
    ...(paged ? { meta: ref('PageMeta') } : {}),
  },
})

const id = { type: 'integer', minimum: 1 }
const fen = { type: 'integer', description: '金额（分）· amount in fen' }
const time = { type: 'string', format: 'date-time' }
const nullableTime = { type: ['string', 'null'], format: 'date-time' }
const date = { type: 'string', format: 'date' }
const text = { type: 'string' }
const nullableText = { type: ['string', 'null'] }

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    description: '401/403/404/409/429/500：{errors:[{code, message}]}，按 Accept-Language 翻译',
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', examples: ['E_UNAUTHORIZED_ACCESS'] },
            message: text,
          },
        },
      },
    },
  },
  ValidationError: {
    type: 'object',
    description: '422：{errors:[{field, rule, message}]}',
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['field', 'rule', 'message'],
          properties: { field: text, rule: text, message: text },
        },
      },
    },
  },
  PageMeta: {
    type: 'object',
    required: ['total', 'page', 'perPage'],
    properties: {
      total: { type: 'integer' },
      totalIsLowerBound: {
        type: 'boolean',
        description:
          'The agency directory only: true when a keyword finds more agencies than are counted (total is then a lower bound, "1,000+"); page on until a page comes back short',
      },
      page: { type: 'integer' },
      perPage: { type: 'integer' },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'email', 'role'],
    properties: {
      id,
      email: { type: 'string', format: 'email' },
      role: { enum: [...ROLES] },
      fullName: text,
    },
  },
  Organization: {
    type: 'object',
    required: ['id', 'name', 'uscc'],
    properties: {
      id,
      name: text,
      uscc: {
        type: 'string',
        pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
        description: '统一社会信用代码',
      },
      kind: { enum: [...ORGANIZATION_KINDS] },
      region: { type: 'string', description: '行政区划代码' },
    },
  },
  Account: {
    type: 'object',
    required: ['user', 'organization'],
    properties: { user: ref('User'), organization: ref('Organization'), token: text },
  },
  AccessToken: {
    type: 'object',
    required: ['id', 'name', 'abilities', 'createdAt', 'lastUsedAt', 'expiresAt'],
    properties: {
      id,
      name: nullableText,
      abilities: { type: 'array', items: { enum: [...TOKEN_ABILITIES, '*'] } },
      createdAt: time,
      lastUsedAt: nullableTime,
      expiresAt: nullableTime,
      expired: { type: 'boolean' },
      current: { type: 'boolean', description: '是否为本次请求所用的令牌' },
    },
  },
  NewAccessToken: {
    allOf: [
      ref('AccessToken'),
      {
        type: 'object',
        required: ['token'],
        properties: { token: { type: 'string', description: '明文令牌，仅此一次返回' } },
      },
    ],
  },
  ServiceItem: {
    type: 'object',
    required: ['code', 'name', 'category', 'feeType', 'version', 'status'],
    properties: {
      code: text,
      name: text,
      category: text,
      legalBasis: text,
      requiredQualification: nullableText,
      // 资质: a type and minimum level from the closed list (GET the item: qualification.label in words).
      qualification: {
        type: ['object', 'null'],
        properties: {
          type: { enum: [...QUALIFICATION_TYPE_CODES] },
          level: { type: ['string', 'null'], enum: [...QUALIFICATION_LEVEL_CODES, null] },
          label: text,
        },
      },
      // 执业资格 the project lead must hold (null: the law requires none), apart from the 资质 above.
      leadQualification: {
        type: ['object', 'null'],
        properties: {
          code: { enum: [...PERSON_QUALIFICATION_CODES] },
          level: { type: ['string', 'null'], enum: [...PERSON_QUALIFICATION_LEVEL_CODES, null] },
          label: text,
        },
      },
      approvalItem: text,
      // The approving department by id (GET /api/v1/departments); its current name beside it.
      departmentId: { type: ['integer', 'null'] },
      approvalDepartment: text,
      timeLimitWorkingDays: { type: 'integer' },
      feeType: { enum: ['government_priced', 'government_guided', 'reference', 'market'] },
      feeMinFen: { type: ['integer', 'null'] },
      feeMaxFen: { type: ['integer', 'null'] },
      version: { type: 'integer' },
      status: { enum: ['active', 'retired'] },
      effectiveDate: date,
      guide: ref('ServiceGuide'),
      history: { type: 'array', items: { type: 'object' } },
    },
  },
  ServiceGuide: {
    type: 'object',
    description:
      '服务指南（依据、范围、对象、内容、方法、结论；一次性告知材料）· the service guide',
    required: ['provision', 'feeBasis', 'regionalCoverage', 'content', 'materials'],
    properties: {
      provision: { enum: ['mandatory', 'may_self_prepare'] },
      feeBasis: {
        type: ['object', 'null'],
        properties: { document: text, article: text },
      },
      regionalCoverage: {
        type: 'array',
        items: { type: 'object', properties: { regionCode: text, name: text } },
      },
      basis: text,
      scope: text,
      object: text,
      content: { type: 'array', items: text },
      method: text,
      conclusion: text,
      materials: { type: 'array', items: text },
    },
  },
  SelfPreparation: {
    type: 'object',
    required: ['id', 'serviceItemCode', 'serviceItemVersion', 'title', 'status', 'recordedAt'],
    properties: {
      id,
      serviceItemCode: text,
      serviceItemVersion: { type: 'integer' },
      title: text,
      investmentProjectCode: nullableText,
      regionCode: text,
      statement: text,
      status: { enum: ['recorded', 'withdrawn'] },
      recordedAt: time,
      withdrawnAt: nullableTime,
      withdrawReason: nullableText,
    },
  },
  Credit: {
    type: 'object',
    required: ['score', 'grade'],
    properties: {
      score: { type: ['integer', 'null'] },
      grade: { type: ['string', 'null'], enum: ['A', 'B', 'C', 'D', null] },
      events: { type: 'array', items: { type: 'object' } },
    },
  },
  AgencyListItem: {
    type: 'object',
    required: ['id', 'name', 'uscc', 'region', 'items', 'credit', 'banned'],
    properties: {
      id,
      name: text,
      uscc: text,
      region: text,
      items: { type: 'array', items: text },
      credit: ref('Credit'),
      banned: { type: 'boolean' },
    },
  },
  AgencyProfile: {
    type: 'object',
    required: ['id', 'name', 'uscc', 'credit'],
    properties: {
      id,
      name: text,
      uscc: text,
      region: text,
      status: text,
      listed: { type: 'boolean' },
      description: nullableText,
      items: { type: 'array', items: { type: 'object' } },
      qualifications: { type: 'array', items: ref('Qualification') },
      practitioners: { type: 'array', items: ref('Practitioner') },
      credit: ref('Credit'),
      evaluations: { type: 'object' },
      // 红顶中介: nature, sponsor, shareholders of 5 % or more (never an ID hash); null: not declared.
      declaration: { type: ['object', 'null'] },
    },
  },
  Qualification: {
    type: 'object',
    required: ['id', 'type', 'certificateNo', 'status'],
    properties: {
      id,
      type: text,
      level: nullableText,
      certificateNo: text,
      issuer: text,
      validUntil: date,
      status: { enum: ['unverified', 'verified', 'false'] },
      hasFile: { type: 'boolean' },
    },
  },
  Practitioner: {
    type: 'object',
    description: '身份证号码只以加盐哈希保存，从不返回',
    required: ['id', 'name', 'role'],
    properties: {
      id,
      name: text,
      role: { enum: ['manager', 'practitioner'] },
      certificateNo: nullableText,
      // 执业资格: a code of the closed list of person qualifications, its level, and the text
      // it was registered under (older rows outside the list keep only their text).
      qualificationCode: { type: ['string', 'null'], enum: [...PERSON_QUALIFICATION_CODES, null] },
      qualificationLevel: {
        type: ['string', 'null'],
        enum: [...PERSON_QUALIFICATION_LEVEL_CODES, null],
      },
      qualificationType: nullableText,
      qualificationValidUntil: { type: ['string', 'null'], format: 'date' },
    },
  },
  PractitionerSearchRow: {
    type: 'object',
    required: ['id', 'name', 'role', 'agency'],
    properties: {
      id,
      name: text,
      role: { enum: ['manager', 'practitioner'] },
      // 执业资格: a code of the closed list of person qualifications, its level, and the text
      // it was registered under (older rows outside the list keep only their text).
      qualificationCode: { type: ['string', 'null'], enum: [...PERSON_QUALIFICATION_CODES, null] },
      qualificationLevel: {
        type: ['string', 'null'],
        enum: [...PERSON_QUALIFICATION_LEVEL_CODES, null],
      },
      qualificationType: nullableText,
      agency: { type: 'object', required: ['id', 'name'], properties: { id, name: text } },
    },
  },
  PracticeRecord: {
    type: 'object',
    description:
      '执业记录：按人员（身份证号码加盐哈希识别，从不返回）汇总担任项目负责人的项目、业主评价、审批结果、虚假报告认定和禁入记录',
    required: ['id', 'name', 'role', 'agency', 'projectsLed', 'falseReportFindings', 'bans'],
    properties: {
      id,
      name: text,
      role: { enum: ['manager', 'practitioner'] },
      certificateNo: nullableText,
      // 执业资格: a code of the closed list of person qualifications, its level, and the text
      // it was registered under (older rows outside the list keep only their text).
      qualificationCode: { type: ['string', 'null'], enum: [...PERSON_QUALIFICATION_CODES, null] },
      qualificationLevel: {
        type: ['string', 'null'],
        enum: [...PERSON_QUALIFICATION_LEVEL_CODES, null],
      },
      qualificationType: nullableText,
      qualificationValidUntil: { type: ['string', 'null'], format: 'date' },
      agency: { type: 'object', required: ['id', 'name'], properties: { id, name: text } },
      projectsLed: {
        type: 'array',
        items: {
          type: 'object',
          required: ['contractId', 'projectId', 'projectCode', 'contractStatus'],
          properties: {
            contractId: id,
            projectId: id,
            projectCode: text,
            projectTitle: text,
            agency: { type: 'object', properties: { id, name: text } },
            owner: text,
            contractStatus: text,
            signedAt: nullableTime,
            approvalOutcome: {
              type: ['string', 'null'],
              enum: ['passed', 'corrections', 'rejected', null],
            },
            approvalCorrections: { type: ['integer', 'null'] },
            ownerRating: { type: ['object', 'null'] },
          },
        },
      },
      falseReportFindings: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            complaintId: id,
            projectCode: nullableText,
            decision: nullableText,
            decidedAt: nullableTime,
          },
        },
      },
      bans: {
        type: 'array',
        items: {
          type: 'object',
          required: ['reason', 'legalBasis', 'startsAt', 'inForce'],
          properties: {
            reason: text,
            legalBasis: text,
            startsAt: time,
            endsAt: nullableTime,
            liftedAt: nullableTime,
            inForce: { type: 'boolean' },
          },
        },
      },
    },
  },
  Project: {
    type: 'object',
    required: ['id', 'code', 'status'],
    properties: {
      id,
      code: text,
      title: text,
      status: text,
      method: {
        enum: ['direct', 'random', 'lowest_price', 'average_price', 'credit_preferred', 'scored'],
      },
      serviceItemCode: text,
      ceilingPriceFen: fen,
      deadline: time,
      responseCount: { type: 'integer' },
      drawCommitment: nullableText,
      fundingSource: {
        enum: ['fiscal', 'state_owned', 'social', 'mixed'],
        description: '资金来源：财政性资金 / 国有资金 / 社会投资 / 混合',
      },
      commissioningDepartmentId: {
        type: ['integer', 'null'],
        description: '委托的审批部门（审批部门委托的中介服务，费用由该部门支付）',
      },
      exemption: {
        enum: ['natural_disaster', 'accident_emergency', 'state_secret', null],
        description: '应急豁免（直接选取，理由公开，监管部门即时收到提示）',
      },
      exemptionReason: nullableText,
      rulesetVersion: {
        type: ['integer', 'null'],
        description: '发布时按地区和资金来源选用的规则版本',
      },
      result: { type: ['object', 'null'], description: '开标后：中选机构、候补、报价、摇号种子' },
    },
  },
  ProjectState: {
    type: 'object',
    required: ['status'],
    properties: { id, code: text, status: text, winnerAgencyId: { type: ['integer', 'null'] } },
  },
  Contract: {
    type: 'object',
    required: ['id', 'status', 'priceFen', 'text', 'textSha256', 'milestones', 'signatures'],
    properties: {
      id,
      projectId: id,
      status: text,
      priceFen: fen,
      leadName: {
        ...nullableText,
        description: '项目负责人（响应中指定）· the project lead the response named',
      },
      text,
      textSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      milestones: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'title', 'amountFen', 'status'],
          properties: {
            id,
            title: text,
            amountFen: fen,
            status: text,
            paidAt: nullableTime,
            acceptedAt: nullableTime,
          },
        },
      },
      signatures: { type: 'array', items: { type: 'object' } },
    },
  },
  Termination: {
    type: 'object',
    description:
      '合同解除：依据、异议期、中介机构答复、监管裁决与退款范围 · a termination, its contest window, answer and decision',
    required: ['id', 'contractId', 'ground', 'statement', 'status', 'contestDueAt'],
    properties: {
      id,
      contractId: id,
      projectId: id,
      ground: { enum: ['breach', 'agreement', 'force_majeure'] },
      breachClause: nullableText,
      statement: text,
      terminatedAt: time,
      contestDueAt: time,
      contestOpen: { type: 'boolean' },
      status: { enum: ['contestable', 'contested', 'settled', 'decided'] },
      agencyAnswer: { enum: ['contested', 'agreed', null] },
      contestReason: nullableText,
      answeredAt: nullableTime,
      decisionDueAt: nullableTime,
      overdue: { type: 'boolean' },
      decision: { enum: ['upheld', 'rejected', null] },
      decisionReasons: nullableText,
      decidedAt: nullableTime,
      refundScope: { enum: ['unaccepted', 'all', 'none', null] },
      settledAt: nullableTime,
      refundsRequestedAt: nullableTime,
    },
  },
  ContestedTermination: {
    type: 'object',
    required: ['id', 'contractId', 'projectId', 'decisionDueAt'],
    properties: {
      id,
      contractId: id,
      projectId: id,
      projectCode: text,
      projectTitle: text,
      ownerName: text,
      agencyName: text,
      ground: text,
      statement: text,
      contestReason: nullableText,
      decisionDueAt: time,
      overdue: { type: 'boolean' },
    },
  },
  Payment: {
    type: 'object',
    required: ['id', 'status', 'amountFen'],
    properties: {
      id,
      contractId: id,
      milestoneId: id,
      status: text,
      amountFen: fen,
      refundedFen: fen,
      currency: { const: 'cny' },
      paymentIntentId: text,
      createdAt: time,
    },
  },
  StartedPayment: {
    type: 'object',
    required: ['paymentId', 'clientSecret', 'status'],
    properties: { paymentId: id, clientSecret: text, status: text, amountFen: fen },
  },
  BidReceipt: {
    type: 'object',
    required: ['receipt'],
    properties: { receipt: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
  },
  ConsortiumRequest: {
    type: 'object',
    description:
      '联合体成员邀请：牵头机构、项目与子事项，从不含报价 · a consortium request, never the quote',
    required: ['id', 'status', 'projectId', 'leadAgencyId', 'itemCode', 'deadline'],
    properties: {
      id,
      status: { enum: ['pending', 'confirmed', 'declined'] },
      answeredAt: nullableTime,
      projectId: id,
      projectCode: text,
      projectTitle: text,
      deadline: time,
      leadAgencyId: id,
      leadAgencyName: text,
      itemCode: text,
      itemName: text,
    },
  },
  ConsortiumAnswer: {
    type: 'object',
    required: ['id', 'status'],
    properties: { id, status: { enum: ['confirmed', 'declined'] } },
  },
  Objection: {
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id,
      projectId: id,
      status: text,
      reason: text,
      responseDueAt: time,
      overdue: {
        type: 'boolean',
        description: '超过答复期限仍未处理：已提交全部监管人员，中选等待处理结果',
      },
      decision: nullableText,
    },
  },
  Notification: {
    type: 'object',
    required: ['id', 'title', 'createdAt'],
    properties: {
      id,
      title: text,
      body: text,
      url: nullableText,
      readAt: nullableTime,
      createdAt: time,
    },
  },
  FeeRecord: {
    type: 'object',
    required: ['contractId', 'amountFen', 'flags'],
    properties: {
      contractId: id,
      amountFen: fen,
      flags: { type: 'array', items: { type: 'object' } },
    },
  },
  SuspiciousPaymentEvent: {
    type: 'object',
    required: ['id', 'stripeEventId', 'eventType', 'reason', 'mismatches', 'receivedAt'],
    properties: {
      id,
      stripeEventId: text,
      eventType: text,
      stripeObjectId: nullableText,
      reason: { type: 'string', enum: ['unknown_intent', 'mismatch', 'not_confirmed'] },
      reasonText: text,
      mismatches: { type: 'array', items: { type: 'object' } },
      paymentId: { type: ['integer', 'null'] },
      contractId: { type: ['integer', 'null'] },
      projectId: { type: ['integer', 'null'] },
      projectCode: nullableText,
      amountFen: {
        type: ['integer', 'null'],
        description: '事件所称金额 · amount the event claims',
      },
      currency: nullableText,
      stripeStatus: nullableText,
      eventCreatedAt: time,
      receivedAt: time,
    },
  },
  Evaluation: {
    type: 'object',
    required: ['id'],
    properties: {
      id,
      contractId: id,
      comment: text,
      reply: nullableText,
      countsForCredit: {
        type: 'boolean',
        description: '关联方（自我交易）之间的评价照常公开，但不计入信用',
      },
    },
  },
  Created: {
    type: 'object',
    required: ['id'],
    properties: { id },
  },
  AnyObject: { type: 'object', description: '见说明 · see the description' },
}
