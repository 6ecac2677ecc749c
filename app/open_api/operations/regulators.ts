import type { ApiOperation } from '#open_api/types'
import { ref, listOf } from '#open_api/schemas'
import { object, integer, string, reasonBody } from '#open_api/helpers'
import { listOrganizationsValidator } from '#validators/organization'
import { checkQualificationValidator, listQualificationsValidator } from '#validators/qualification'
import { listFeeRecordsValidator } from '#validators/fee_record'
import { listSuspiciousPaymentEventsValidator } from '#validators/suspicious_payment_event'
import { contractTemplateValidator } from '#validators/contract'
import { creditEventValidator, creditRepairValidator } from '#validators/credit'
import { banValidator, liftBanValidator } from '#validators/ban'
import {
  jointPunishmentImportValidator,
  jointPunishmentLiftValidator,
} from '#validators/joint_punishment'
import { analyticsFiltersValidator } from '#validators/analytics'
import { similarityQueryValidator } from '#validators/signal'

const STAFF = ['regulator', 'admin'] as const
const decision = string(4, 10_000)
const FINDINGS = { type: 'array', items: { type: 'object' } }

/** Supervision: registry checks, fees, credit, bans, audit (监管). */
export const regulatorOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/regulator/organizations',
    tag: 'regulators',
    summary: ['全部机构（按类型筛选）', 'Every organisation (filter by kind)'],
    access: STAFF,
    query: listOrganizationsValidator,
    success: { status: 200, schema: listOf('Organization', true) },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/qualifications',
    tag: 'regulators',
    summary: ['待抽查（或按状态）的资质', 'Qualifications to spot-check (or by status)'],
    access: STAFF,
    query: listQualificationsValidator,
    success: { status: 200, schema: listOf('Qualification') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/qualifications/:id/checks',
    tag: 'regulators',
    summary: [
      '登记资质抽查结论（虚假资质计入信用）',
      'Record a spot check (a false one is a credit event)',
    ],
    access: ['regulator'],
    body: checkQualificationValidator,
    conflict: true,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/audit/verify',
    tag: 'regulators',
    summary: ['校验审计日志哈希链', 'Verify the hash chain of the audit log'],
    access: STAFF,
    success: {
      status: 200,
      schema: object(
        {
          valid: { type: 'boolean' },
          events: integer(0),
          firstBrokenId: { type: ['integer', 'null'] },
        },
        ['valid', 'events']
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/fee-records',
    tag: 'regulators',
    summary: ['收费记录及异常标记', 'Fee records and their flags'],
    access: STAFF,
    query: listFeeRecordsValidator,
    success: { status: 200, schema: listOf('FeeRecord', true) },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/suspicious-payments',
    tag: 'regulators',
    summary: ['可疑支付事件', 'Suspicious payment events'],
    description: [
      '签名有效但平台无法核实的 Stripe 事件（非平台创建的支付、与平台记录不符、Stripe 不确认）：未改变任何数据，也不是收费记录。',
      'Correctly signed Stripe events the market cannot vouch for (an intent it did not create, a disagreement with the recorded payment, a success Stripe does not confirm): they changed nothing and are no fee records.',
    ],
    access: STAFF,
    query: listSuspiciousPaymentEventsValidator,
    success: { status: 200, schema: listOf('SuspiciousPaymentEvent', true) },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/contract-templates',
    tag: 'contracts',
    summary: ['发布示范合同或新版本', 'Publish a model contract or a new version'],
    access: STAFF,
    body: contractTemplateValidator,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/credit-rules',
    tag: 'credit',
    summary: [
      '现行信用规则（事件类型 → 分值、有效期）',
      'Credit rules in force (event type → points, validity)',
    ],
    access: STAFF,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'put',
    path: '/api/v1/regulator/credit-rules',
    tag: 'credit',
    summary: [
      '调整信用规则（生成新版本，须填理由）',
      'Revise the credit rules (a new version, with reason)',
    ],
    access: ['regulator'],
    body: object({ rules: { type: 'object' }, reason: string(4, 2000) }, ['rules', 'reason']),
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/credit-events',
    tag: 'credit',
    summary: [
      '记录信用事件（处罚或表彰可自定分值）',
      'Record a credit event (own points for penalties and commendations)',
    ],
    access: ['regulator'],
    body: creditEventValidator,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/credit-events/:id/reply',
    tag: 'credit',
    summary: ['机构对信用事件作出说明', 'The agency replies to a credit event'],
    access: ['agency'],
    body: object({ text: string(1, 5000) }, ['text']),
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/credit-events/:id/appeal',
    tag: 'credit',
    summary: ['机构对信用事件提出申诉', 'The agency appeals a credit event'],
    access: ['agency'],
    body: reasonBody,
    conflict: true,
    success: { status: 201, schema: ref('Created') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/credit-appeals/:id/decide',
    tag: 'credit',
    summary: ['监管部门处理申诉', 'A regulator decides an appeal'],
    access: ['regulator'],
    body: object({ upheld: { type: 'boolean' }, decision }, ['upheld', 'decision']),
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/credit-repairs',
    tag: 'credit',
    summary: ['申请信用修复', 'Apply for credit repair'],
    description: [
      '依据《信用修复管理办法》（2026-04-01 起施行）：满最短公示期后（轻微：即可；一般：3 个月；严重：1 年，以规则表为准），提交整改情况（correction）、签署的信用承诺（commitment，signed=true，公开于机构主页）和 1–5 份证明材料（files[]，PDF/JPEG/PNG，每份 ≤ 10 MB，按内容识别）。未满最短公示期：409，消息写明可申请的日期。监管部门在规则的工作日内决定。',
      'Under the credit repair measures in force since 2026-04-01: once the minimum publication period has passed (minor: at once; general: 3 months; serious: a year, as the rule table says), send the correction, the signed credit commitment (commitment, signed=true; published on the agency page) and 1 to 5 evidence files (files[], PDF/JPEG/PNG ≤ 10 MB each, recognised by content). Before the minimum period: 409 naming the day it becomes possible. A regulator decides within the rule set’s working days.',
    ],
    access: ['agency'],
    body: creditRepairValidator,
    bodyType: 'multipart',
    conflict: true,
    success: { status: 201, schema: ref('Created') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/credit-repairs/:id/decide',
    tag: 'credit',
    summary: ['监管部门处理信用修复申请', 'A regulator decides a credit repair'],
    description: [
      '谁认定、谁修复：监管部门录入的信息只能由同一部门的监管人员决定（否则 403 E_NOT_RECORDING_BODY）。准予修复即时生效：该信息不再计分、不再公示，由其引起的禁入同时解除。',
      'The recorder repairs: information a regulator recorded is decided by a regulator of the same body (else 403 E_NOT_RECORDING_BODY). A granted repair takes effect at once: the information stops counting and being published, and the bans it caused are lifted.',
    ],
    access: ['regulator'],
    body: object({ granted: { type: 'boolean' }, decision }, ['granted', 'decision']),
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/joint-punishments',
    tag: 'credit',
    summary: [
      '联合惩戒名单：现行条目（data，含本平台机构）与导入记录（imports）',
      'Joint punishment lists: the entries in force (data, with the agency found here) and the imports',
    ],
    access: ['regulator'],
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/joint-punishments/imports',
    tag: 'credit',
    summary: ['导入联合惩戒名单（CSV）', 'Import a joint punishment list (CSV)'],
    description: [
      'multipart：listName（同名再导入即替换：新文件不含的主体自动解除）、measure（sign_up 禁止报名投标 / signing 禁止签约 / all 两者）、file（UTF-8 CSV ≤ 2 MB，表头 uscc,source,date,legal_basis）。任一行有误则整份拒绝（422，逐行说明）。',
      'multipart: listName (importing the same name again replaces the list: subjects the new file lacks are lifted), measure (sign_up / signing / all), file (UTF-8 CSV ≤ 2 MB, header uscc,source,date,legal_basis). Any bad line refuses the whole file (422, line by line).',
    ],
    access: ['regulator'],
    body: jointPunishmentImportValidator,
    bodyType: 'multipart',
    success: {
      status: 201,
      schema: object(
        {
          id: integer(1),
          entries: integer(0),
          added: integer(0),
          kept: integer(0),
          lifted: integer(0),
          fileSha256: { type: 'string' },
        },
        ['id', 'entries', 'added', 'kept', 'lifted', 'fileSha256']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/joint-punishments/:id/lift',
    tag: 'credit',
    summary: ['解除一条联合惩戒名单条目', 'Lift one joint punishment entry'],
    access: ['regulator'],
    body: jointPunishmentLiftValidator,
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/follow-ups',
    tag: 'regulators',
    summary: [
      '差评跟进事项（整改 → 督办 → 回访），?status=open|closed',
      'Bad-rating follow-up cases (rectification → supervision → revisit), ?status=open|closed',
    ],
    access: ['regulator'],
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/analytics',
    tag: 'regulators',
    summary: ['市场监测数据（大数据监管）', 'Market monitoring figures'],
    description: [
      '按中选月份统计已生效合同：totals、monthly（交易量、节约率、公告到中选天数、生效到验收工作日、用时占时限、超期率、差评率）、items（效费比、价格离散度、HHI、前三名份额）、repeatedPairs、followUps、objections（待处理质疑及其中超期数）。筛选：from/to（yyyy-MM）、item、region、department。',
      'Contracts in force by month of award: totals, monthly (volume, savings, days to award, working days to acceptance, share of the time limit, overdue and bad-rating rates), items (cost-efficiency, price dispersion, HHI, top-3 share), repeatedPairs, followUps, objections (pending, and how many are past their response limit). Filters: from/to (yyyy-MM), item, region, department.',
    ],
    access: [...STAFF],
    query: analyticsFiltersValidator,
    success: {
      status: 200,
      schema: object(
        {
          filters: { type: 'object' },
          totals: { type: 'object' },
          monthly: { type: 'array', items: { type: 'object' } },
          items: { type: 'array', items: { type: 'object' } },
          repeatedPairs: { type: 'array', items: { type: 'object' } },
          followUps: { type: 'object' },
          objections: object(
            {
              pending: { type: 'integer', minimum: 0 },
              overdue: { type: 'integer', minimum: 0 },
            },
            ['pending', 'overdue']
          ),
        },
        ['totals', 'monthly', 'items', 'repeatedPairs', 'followUps', 'objections']
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/credit-appeals',
    tag: 'regulators',
    summary: [
      '信用申诉与修复申请，?status=pending|decided',
      'Credit appeals and repair applications, ?status=pending|decided',
    ],
    access: ['regulator'],
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/follow-ups/:id/steps',
    tag: 'regulators',
    summary: ['记录跟进步骤', 'Record a follow-up step'],
    access: ['regulator'],
    body: object({ step: string(1, 16), date: string(10, 10), note: string(4, 2000) }, [
      'step',
      'note',
    ]),
    conflict: true,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/bans',
    tag: 'regulators',
    summary: [
      '对机构或个人实施禁入（依据、期限）',
      'Ban an agency or a person (legal basis, period)',
    ],
    access: ['regulator'],
    body: banValidator,
    success: { status: 201, schema: ref('Created') },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/bans/:id/lift',
    tag: 'regulators',
    summary: ['解除禁入（附理由）', 'Lift a ban (with reason)'],
    access: ['regulator'],
    body: liftBanValidator,
    conflict: true,
    success: { status: 204 },
  },
  // Regulator signals: collusion signals and report similarity
  {
    method: 'get',
    path: '/api/v1/regulator/signals',
    tag: 'regulators',
    summary: [
      '串通投标预警信号（近 12 个月）及其证据',
      'Collusion signals of the last 12 months with their evidence',
    ],
    description: [
      '报价雷同（同一项目两家机构报价相差不超过 0.5%，且至少 2 个项目）、联系电话/邮箱/人员相同、同一 IP 或设备投标、轮流中标（至少 3 个共同项目、组内中标 ≥ 75%、至少 2 家轮流）、业主反复直接选取同一机构（≥ 3 次）、关联方之间不计信用的评价（relatedPartyRatings，附关联原因）。预警只是线索，不是结论。',
      'Near-identical quotes (two agencies within 0.5 % on the same project, on at least 2 projects), shared phone/e-mail/person, bids from the same IP or device, rotating winners (at least 3 shared projects, ≥ 75 % won inside the group, at least 2 winners), an owner choosing the same agency directly (≥ 3 times), ratings between related owners and agencies that earned no credit (relatedPartyRatings, with the relations). A signal is a lead, not a verdict.',
    ],
    access: ['regulator'],
    success: {
      status: 200,
      schema: object(
        {
          since: { type: 'string', format: 'date-time' },
          thresholds: { type: 'object' },
          notCompared: { type: 'array', items: { type: 'string' } },
          signals: object(
            {
              nearIdenticalQuotes: FINDINGS,
              sharedContacts: FINDINGS,
              sharedOrigins: FINDINGS,
              rotatingWinners: FINDINGS,
              repeatedDirectSelections: FINDINGS,
              relatedPartyRatings: FINDINGS,
            },
            [
              'nearIdenticalQuotes',
              'sharedContacts',
              'sharedOrigins',
              'rotatingWinners',
              'repeatedDirectSelections',
              'relatedPartyRatings',
            ]
          ),
          commonOrigins: FINDINGS,
        },
        ['since', 'signals']
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/similarity',
    tag: 'regulators',
    summary: [
      '中介文本对比分析：不同项目间相似的成果文件（按相似度排序）',
      'Report similarity: near-duplicate deliverable files of different projects, most similar first',
    ],
    description: [
      '相似度为 5 字（词）片段集合的 Jaccard 相似度的 MinHash 估计值；threshold 默认 0.5，取值 0.3–1。',
      'The score is the MinHash estimate of the Jaccard similarity of 5-token shingle sets; threshold defaults to 0.5, range 0.3–1.',
    ],
    access: ['regulator'],
    query: similarityQueryValidator,
    success: {
      status: 200,
      schema: object(
        {
          threshold: { type: 'number' },
          files: object({ total: integer(0), indexed: integer(0) }, ['total', 'indexed']),
          data: {
            type: 'array',
            items: object(
              {
                score: { type: 'number', minimum: 0, maximum: 1 },
                sameAgency: { type: 'boolean' },
                a: { type: 'object' },
                b: { type: 'object' },
                detailUrl: { type: 'string' },
              },
              ['score', 'a', 'b']
            ),
          },
        },
        ['threshold', 'data']
      ),
    },
  },
]
