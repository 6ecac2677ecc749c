import type { ApiOperation, JsonSchema } from '#open_api/types'
import { object, integer } from '#open_api/helpers'
import {
  answerComplaintValidator,
  assignComplaintValidator,
  fileComplaintValidator,
  listComplaintsValidator,
  publicComplaintsValidator,
} from '#validators/complaint'
import {
  COMPLAINANT_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATES,
} from '#domain/complaints'

const time = { type: 'string', format: 'date-time' }
const nullableTime = { type: ['string', 'null'], format: 'date-time' }
const nullableText = { type: ['string', 'null'] }
const named = (extra: Record<string, JsonSchema> = {}) => ({
  type: ['object', 'null'],
  properties: { id: integer(1), name: { type: 'string' }, ...extra },
})
const subjects = {
  agency: named(),
  owner: named(),
  project: {
    type: ['object', 'null'],
    properties: { id: integer(1), code: { type: 'string' }, title: { type: 'string' } },
  },
}
const outcome = { enum: [...COMPLAINT_OUTCOMES, null] }
const category = { enum: [...COMPLAINT_CATEGORIES] }
const state = { enum: [...COMPLAINT_STATES] }
const pageMeta = object({ total: integer(0), page: integer(1), perPage: integer(1) }, [
  'total',
  'page',
  'perPage',
])

const trackedComplaint = object(
  {
    state,
    category,
    ...subjects,
    filedAt: time,
    dueAt: time,
    overdue: { type: 'boolean' },
    answeredAt: nullableTime,
    outcome,
    decision: nullableText,
    public: { type: 'boolean' },
  },
  ['state', 'category', 'filedAt', 'dueAt', 'overdue', 'outcome']
)

const publicOutcome = object(
  {
    id: integer(1),
    category,
    ...subjects,
    filedAt: time,
    answeredAt: nullableTime,
    outcome,
    decision: nullableText,
  },
  ['id', 'category', 'outcome', 'decision']
)

const regulatorComplaint = object(
  {
    id: integer(1),
    state,
    category,
    text: { type: 'string' },
    ...subjects,
    complainant: object(
      {
        kind: { enum: [...COMPLAINANT_KINDS] },
        organization: named(),
        userId: { type: ['integer', 'null'] },
        contactName: nullableText,
        contactPhone: nullableText,
        contactEmail: nullableText,
      },
      ['kind']
    ),
    filedAt: time,
    dueAt: time,
    remindAt: nullableTime,
    overdue: { type: 'boolean' },
    assignee: named(),
    assignedAt: nullableTime,
    answeredAt: nullableTime,
    outcome,
    decision: nullableText,
    public: { type: 'boolean' },
    creditEventId: { type: ['integer', 'null'] },
    files: {
      type: 'array',
      items: object({ id: integer(1), name: { type: 'string' }, mime: { type: 'string' } }),
    },
  },
  ['id', 'state', 'category', 'text', 'complainant', 'filedAt', 'dueAt', 'overdue']
)

const list = (item: JsonSchema) =>
  object({ data: { type: 'array', items: item }, meta: pageMeta }, ['data', 'meta'])

/** 投诉举报: public filing and tracking, the regulator's desk. */
export const complaintOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/complaints',
    tag: 'regulators',
    summary: [
      '公开的投诉处理结果（不含投诉人）',
      'Published complaint outcomes (never the complainant)',
    ],
    access: 'public',
    query: publicComplaintsValidator,
    success: { status: 200, schema: list(publicOutcome) },
  },
  {
    method: 'post',
    path: '/api/v1/complaints',
    tag: 'regulators',
    summary: [
      '投诉举报（公众可匿名；返回只显示一次的查询码）',
      'File a complaint (anonymous allowed; returns a tracking code shown once)',
    ],
    description: [
      '无需令牌；携带令牌（owner/agency，write）时以该账户实名投诉，anonymous=true 则不记录身份。JSON 或 multipart（files[] 证据，PDF/JPEG/PNG，每个 ≤ 10 MB，最多 5 个）。按账户或 IP 限制频率（429）。',
      'No token needed; with a token (owner/agency, write) the complaint is in that account’s name unless anonymous=true. JSON, or multipart with files[] (PDF/JPEG/PNG evidence, ≤ 10 MB each, at most 5). Rate-limited per account or IP (429).',
    ],
    access: 'public',
    body: fileComplaintValidator,
    bodyType: 'multipart',
    success: {
      status: 201,
      schema: object(
        {
          id: integer(1),
          trackingCode: { type: 'string', minLength: 16 },
          state,
          dueAt: time,
        },
        ['id', 'trackingCode', 'state', 'dueAt']
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/complaints/track/:code',
    tag: 'regulators',
    summary: [
      '凭查询码查看投诉办理状态与答复',
      'A complaint’s state and answer, by its tracking code',
    ],
    access: 'public',
    stringParams: ['code'],
    success: { status: 200, schema: trackedComplaint },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/complaints',
    tag: 'regulators',
    summary: [
      '投诉处理台：待办（按答复期限）或按状态',
      'Complaints desk: open ones by response limit, or by state',
    ],
    access: ['regulator'],
    query: listComplaintsValidator,
    success: { status: 200, schema: list(regulatorComplaint) },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/complaints/:id/assign',
    tag: 'regulators',
    summary: ['分派投诉给监管部门用户', 'Assign a complaint to a regulator user'],
    access: ['regulator'],
    body: assignComplaintValidator,
    conflict: true,
    success: { status: 200, schema: regulatorComplaint },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/complaints/:id/answer',
    tag: 'regulators',
    summary: [
      '答复投诉（查实或不成立，是否公开；查实的可记入机构信用）',
      'Answer a complaint (upheld or rejected, published or not; an upheld one may become a credit event)',
    ],
    access: ['regulator'],
    body: answerComplaintValidator,
    conflict: true,
    success: { status: 200, schema: regulatorComplaint },
  },
]
