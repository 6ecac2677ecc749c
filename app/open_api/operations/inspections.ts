import type { ApiOperation } from '#open_api/types'
import { ref, listOf } from '#open_api/schemas'
import { object, integer, string, pageQuery } from '#open_api/helpers'
import { INSPECTION_OUTCOMES } from '#domain/inspection_draw'
import { RISK_CLASSES } from '#domain/inspection_risk'
import {
  createInspectionPlanValidator,
  inspectionListEntryValidator,
  inspectionRecusalValidator,
} from '#validators/inspection'

const ids = { type: 'array', items: { type: 'integer' } }
const draw = object(
  {
    purpose: {
      enum: [
        'inspection-agencies',
        'inspection-agencies-high',
        'inspection-agencies-medium',
        'inspection-agencies-low',
        'inspection-inspectors',
      ],
    },
    candidates: ids,
    picks: ids,
    valid: { type: 'boolean' },
    riskClass: { enum: [...RISK_CLASSES] },
    ratioBp: integer(0, 10_000),
  },
  ['purpose', 'candidates', 'picks', 'valid']
)

const listEntry = object(
  {
    id: integer(1),
    item: object({ code: { type: 'string' }, name: { type: 'string' } }, ['code', 'name']),
    subject: { type: 'string' },
    legalBasis: { type: 'string' },
    updatedAt: { type: ['string', 'null'] },
  },
  ['id', 'item', 'subject', 'legalBasis']
)

/** 双随机、一公开: plans drawn with the verifiable draw, results, their publication. */
export const inspectionOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/regulator/inspection-list',
    tag: 'regulators',
    summary: [
      '新增抽查事项清单条目（中介服务事项、抽查内容、检查依据）',
      'Add an inspection list entry (service item, what is checked, legal basis)',
    ],
    description: [
      '抽查计划可通过 entryIds 列明所涵盖的清单条目；限定了中介服务事项的计划只能选择该事项的条目（否则 422）。',
      "A plan names the entries it covers with entryIds; a plan limited to one service item may name only that item's entries (422 otherwise).",
    ],
    access: ['regulator'],
    body: inspectionListEntryValidator,
    success: { status: 201, schema: listEntry },
  },
  {
    method: 'put',
    path: '/api/v1/regulator/inspection-list/:id',
    tag: 'regulators',
    summary: ['修改抽查事项清单条目', 'Rewrite an inspection list entry'],
    access: ['regulator'],
    body: inspectionListEntryValidator,
    success: { status: 200, schema: listEntry },
  },
  {
    method: 'get',
    path: '/api/v1/public/inspection-list',
    tag: 'regulators',
    summary: [
      '抽查事项清单（可按中介服务事项筛选）',
      'The inspection list (optionally of one service item)',
    ],
    access: 'public',
    query: object({ itemCode: { type: 'string' } }),
    success: {
      status: 200,
      schema: object({ data: { type: 'array', items: listEntry } }, ['data']),
    },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/inspections',
    tag: 'regulators',
    summary: [
      '生成双随机抽查计划（立即抽取检查对象和检查人员）',
      'Make a random inspection plan (agencies and inspectors drawn at once)',
    ],
    description: [
      '候选机构：范围内（事项、地区可选）状态为正常的机构；候选检查人员：全部监管部门用户，除去与被抽中机构有关联者。sampling=uniform（默认）从全部候选机构抽取 agencyCount 家；sampling=risk 按信用风险分类（高风险、一般风险、低风险）分别抽取，每类 向上取整（ratios.<类别> 基点 × 类别机构数 ÷ 10000）家，未填的比例取市场规则。数量超过候选数、比例超出 0–10000、按比例无机构可抽时返回 422。',
      "Candidate agencies: active agencies in scope (item and region optional); candidate inspectors: every regulator user not related to a drawn agency. sampling=uniform (the default) draws agencyCount agencies from all candidates; sampling=risk draws each risk class (high, medium, low) on its own, ceil(ratios.<class> basis points × class size ÷ 10 000) agencies, a ratio left out being the market rules' one. A count above the candidates, a ratio outside 0–10 000, or ratios that draw no agency answer 422.",
    ],
    access: ['regulator'],
    body: createInspectionPlanValidator,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/inspections/:id/results',
    tag: 'regulators',
    summary: [
      '抽中的检查人员记录检查结果（每家机构一次）',
      "A drawn inspector records an agency's result (once per agency)",
    ],
    description: [
      '结果：合格、责令整改、立案；可附 PDF/JPEG/PNG 文件（每份 ≤ 10 MB）；责令整改或立案可同时扣减信用分（监管部门处罚）。非本计划检查人员 403，重复记录 409。',
      'Outcome: qualified, rectification or case_opened; optional PDF/JPEG/PNG files (≤ 10 MB each); a finding may deduct credit points (regulator penalty). 403 for an inspector the plan did not draw, 409 for a second result.',
    ],
    access: ['regulator'],
    bodyType: 'multipart',
    body: object(
      {
        agencyId: integer(1),
        outcome: { enum: [...INSPECTION_OUTCOMES] },
        note: string(4, 4000),
        creditPoints: integer(-100, -1),
        files: {
          type: 'array',
          maxItems: 5,
          items: { type: 'string', contentMediaType: 'application/octet-stream' },
        },
      },
      ['agencyId', 'outcome', 'note']
    ),
    conflict: true,
    success: {
      status: 201,
      schema: object({ targetId: integer(1), creditEventId: { type: ['integer', 'null'] } }, [
        'targetId',
        'creditEventId',
      ]),
    },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/inspection-recusals',
    tag: 'regulators',
    summary: [
      '回避申报：检查人员与机构有关联',
      'Declare that an inspector is related to an agency',
    ],
    access: ['regulator'],
    body: inspectionRecusalValidator,
    conflict: true,
    success: { status: 201, schema: ref('Created') },
  },
  {
    method: 'get',
    path: '/api/v1/public/inspections',
    tag: 'regulators',
    summary: [
      '一公开：抽查计划、检查对象、检查人员和检查结果',
      'Published inspection plans, agencies, inspectors and results',
    ],
    access: 'public',
    query: pageQuery,
    success: { status: 200, schema: listOf('AnyObject', true) },
  },
  {
    method: 'get',
    path: '/api/v1/public/inspections/:id/verify',
    tag: 'regulators',
    summary: ['复算抽查计划的抽取（market-draw-v1）', "Recompute a plan's draws (market-draw-v1)"],
    description: [
      '统一抽取的计划：inspection-agencies 和 inspection-inspectors 两次抽取；按风险分类的计划：inspection-agencies-high、-medium、-low 各一次（附类别与比例），再抽检查人员。',
      'A uniform plan: two draws, inspection-agencies and inspection-inspectors; a plan by risk class: one draw per class, inspection-agencies-high, -medium and -low (with the class and ratio), then the inspectors.',
    ],
    access: 'public',
    success: {
      status: 200,
      schema: object(
        {
          valid: { type: 'boolean' },
          commitment: { type: 'string' },
          seed: { type: 'string' },
          drawSeed: { type: 'string' },
          algorithm: { const: 'market-draw-v1' },
          candidates: ids,
          picks: ids,
          draws: { type: 'array', items: draw },
          excludedInspectors: { type: 'array', items: { type: 'object' } },
          checks: { type: 'array', items: { type: 'object' } },
        },
        ['valid', 'commitment', 'seed', 'drawSeed', 'algorithm', 'candidates', 'picks', 'draws']
      ),
    },
  },
]
