import type { ApiOperation } from '#open_api/types'
import { ref } from '#open_api/schemas'
import { object, integer, string, reasonBody } from '#open_api/helpers'
import {
  contractTermsValidator,
  refuseContractValidator,
  signContractValidator,
} from '#validators/contract'
import { testConfirmationValidator } from '#validators/payment'

const score = integer(1, 5)

/** Contracts, payments, delivery and evaluation (合同、支付、服务与评价). */
export const contractOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/projects/:id/contract',
    tag: 'contracts',
    summary: ['项目的合同（双方与监管部门可见）', "A project's contract (parties and regulators)"],
    access: 'user',
    success: { status: 200, schema: ref('Contract') },
  },
  {
    method: 'put',
    path: '/api/v1/contracts/:id',
    tag: 'contracts',
    summary: [
      '业主在签署前填写约定字段（改动使已有签名失效）',
      'The owner fills the declared fields before signing (voids signatures)',
    ],
    access: 'user',
    body: contractTermsValidator,
    conflict: true,
    success: { status: 200, schema: ref('Contract') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/sign',
    tag: 'contracts',
    summary: ['一方重新输入密码签署合同', 'A party signs by re-entering its password'],
    description: [
      '请求须带上签署人所阅读版本的 revision 与 textSha256（取自 GET 合同的 revision 与 textSha256）。任一项与现行版本不一致时返回 409 E_REVISION_CHANGED，错误中给出现行的 revision 与 textSha256，不签署任何内容；缺少时返回 422。密码错误按账户与地址限次：10 分钟内错误 5 次后锁定签署 10 分钟（429）。',
      "The request carries the `revision` and `textSha256` of the text the signer read (from the contract's `revision` and `textSha256`). When either differs from the revision in force the answer is 409 `E_REVISION_CHANGED`, whose error names the current `revision` and `textSha256`, and nothing is signed; 422 when they are missing. Wrong passwords are limited per account and per address: after 5 within 10 minutes signing is locked for 10 minutes (429).",
    ],
    access: 'user',
    body: signContractValidator,
    conflict: true,
    success: { status: 200, schema: ref('Contract') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/refuse',
    tag: 'contracts',
    summary: ['中选机构拒绝签约（计入信用）', 'The winner refuses to sign (a credit event)'],
    access: 'user',
    body: refuseContractValidator,
    conflict: true,
    success: { status: 200, schema: ref('Contract') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/terminate',
    tag: 'contracts',
    summary: [
      '业主解除合同（公开理由，已付款项退款）',
      'The owner terminates (public reason; paid milestones refunded)',
    ],
    access: 'user',
    body: refuseContractValidator,
    conflict: true,
    success: { status: 200, schema: ref('Contract') },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/take-next-alternate',
    tag: 'contracts',
    summary: ['由下一名候补机构签约', 'Contract with the next alternate'],
    access: 'user',
    conflict: true,
    success: { status: 201, schema: ref('Contract') },
  },
  {
    method: 'post',
    path: '/api/v1/milestones/:id/payments',
    tag: 'payments',
    summary: [
      '业主支付一个付款节点（Stripe PaymentIntent）',
      'The owner pays a milestone (Stripe PaymentIntent)',
    ],
    description: [
      '同一节点已有进行中的付款时，以 200 返回同一笔付款（幂等）。',
      'While an attempt is open, the same payment comes back with 200 (idempotent).',
    ],
    access: ['owner'],
    conflict: true,
    success: { status: 201, schema: ref('StartedPayment') },
  },
  {
    method: 'get',
    path: '/api/v1/payments/:id',
    tag: 'payments',
    summary: ['一笔付款的状态', "A payment's state"],
    access: 'user',
    success: { status: 200, schema: ref('Payment') },
  },
  {
    method: 'post',
    path: '/api/v1/payments/:id/confirm',
    tag: 'payments',
    summary: [
      '测试模式：以测试卡在服务端确认付款',
      'Test mode: confirm server-side with a test card',
    ],
    access: ['owner'],
    body: testConfirmationValidator,
    conflict: true,
    success: { status: 200, schema: ref('Payment') },
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/stripe',
    tag: 'payments',
    summary: [
      'Stripe 事件回调（校验 Stripe-Signature）',
      'Stripe events (Stripe-Signature checked)',
    ],
    description: [
      '签名错误、缺失，或时间戳与服务器时间相差超过 5 分钟（过去或未来）返回 400；每个事件只处理一次。平台无法核实的事件（非平台创建的支付、金额／币种／合同不符、Stripe 不确认付款成功）返回 outcome: suspicious，不改变任何数据，供监管部门核查。付款成功前向 Stripe 核实；Stripe 无法访问时返回 503，由 Stripe 重发。',
      'A bad or missing signature, or a timestamp more than 5 minutes from the server’s clock (past or future), answers 400; each event is processed once. An event the market cannot vouch for (an intent it did not create, an amount/currency/contract that disagrees, a success Stripe does not confirm) answers outcome: suspicious, changes nothing and is kept for regulators. A success is confirmed with Stripe first; 503 when Stripe cannot be reached (Stripe delivers it again).',
    ],
    access: 'public',
    unthrottled: true,
    body: { type: 'object', description: 'Stripe Event' },
    success: { status: 200, schema: { type: 'object' } },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/deliverables',
    tag: 'service',
    summary: ['中介机构提交成果（文件与说明）', 'The agency delivers (files and a summary)'],
    access: ['agency'],
    bodyType: 'multipart',
    body: object(
      {
        summary: string(1, 10_000),
        files: {
          type: 'array',
          items: { type: 'string', contentMediaType: 'application/octet-stream' },
        },
      },
      ['summary', 'files']
    ),
    conflict: true,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/accept',
    tag: 'service',
    summary: ['业主验收成果', 'The owner accepts the deliverables'],
    access: ['owner'],
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/return',
    tag: 'service',
    summary: ['业主退回成果（附理由）', 'The owner returns the deliverables (with reason)'],
    access: ['owner'],
    body: reasonBody,
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/pause',
    tag: 'service',
    summary: ['业主暂停服务计时（附理由）', 'The owner pauses the service clock (with reason)'],
    access: ['owner'],
    body: reasonBody,
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/resume',
    tag: 'service',
    summary: ['业主恢复服务计时', 'The owner resumes the service clock'],
    access: ['owner'],
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/contracts/:id/service',
    tag: 'service',
    summary: [
      '服务进度：计时、成果与执行记录',
      'Service progress: clock, deliverables, execution log',
    ],
    access: 'user',
    success: {
      status: 200,
      schema: object({
        clock: { type: 'object' },
        deliverables: { type: 'array', items: { type: 'object' } },
        log: { type: 'array', items: { type: 'object' } },
      }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/record-approval',
    tag: 'service',
    summary: ['审批部门登记审批结果', 'The approving department records the approval outcome'],
    access: ['regulator'],
    body: object(
      { outcome: { enum: ['passed', 'corrections', 'rejected'] }, corrections: string(1, 10_000) },
      ['outcome']
    ),
    conflict: true,
    success: { status: 200, schema: ref('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/evaluate',
    tag: 'evaluations',
    summary: ['业主评价中介机构（1–5 分）', 'The owner evaluates the agency (1–5)'],
    access: ['owner'],
    body: object(
      {
        quality: score,
        timeliness: score,
        attitude: score,
        feeCompliance: score,
        comment: string(1, 5000),
      },
      ['quality', 'timeliness', 'attitude', 'feeCompliance', 'comment']
    ),
    conflict: true,
    success: { status: 201, schema: ref('Evaluation') },
  },
  {
    method: 'post',
    path: '/api/v1/contracts/:id/evaluate-owner',
    tag: 'evaluations',
    summary: ['中介机构评价业主（1–5 分）', 'The agency evaluates the owner (1–5)'],
    access: ['agency'],
    body: object({ cooperation: score, paymentTimeliness: score, comment: string(1, 5000) }, [
      'cooperation',
      'paymentTimeliness',
      'comment',
    ]),
    conflict: true,
    success: { status: 201, schema: ref('Evaluation') },
  },
  {
    method: 'post',
    path: '/api/v1/evaluations/:id/reply',
    tag: 'evaluations',
    summary: ['被评价方回复评价', 'The evaluated party replies'],
    access: 'user',
    body: object({ text: string(1, 5000) }, ['text']),
    conflict: true,
    success: { status: 200, schema: ref('Evaluation') },
  },
]
