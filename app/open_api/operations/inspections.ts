import type { ApiOperation } from '#open_api/types'
import { ref, listOf } from '#open_api/schemas'
import { object, integer, string, pageQuery } from '#open_api/helpers'
import { INSPECTION_OUTCOMES } from '#domain/inspection_draw'
import { createInspectionPlanValidator, inspectionRecusalValidator } from '#validators/inspection'

const ids = { type: 'array', items: { type: 'integer' } }
const draw = object(
  {
    purpose: { enum: ['inspection-agencies', 'inspection-inspectors'] },
    candidates: ids,
    picks: ids,
    valid: { type: 'boolean' },
  },
  ['purpose', 'candidates', 'picks', 'valid']
)

/** 双随机、一公开: plans drawn with the verifiable draw, results, their publication. */
export const inspectionOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/regulator/inspections',
    tag: 'regulators',
    summary: [
      '生成双随机抽查计划（立即抽取检查对象和检查人员）',
      'Make a random inspection plan (agencies and inspectors drawn at once)',
    ],
    description: [
      '候选机构：范围内（事项、地区可选）状态为正常的机构；候选检查人员：全部监管部门用户，除去与被抽中机构有关联者。数量超过候选数返回 422。',
      'Candidate agencies: active agencies in scope (item and region optional); candidate inspectors: every regulator user not related to a drawn agency. A count above the candidates answers 422.',
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
    summary: [
      '复算抽查计划的两次抽取（market-draw-v1）',
      "Recompute a plan's two draws (market-draw-v1)",
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
