import type { ApiOperation } from '#open_api/types'
import {
  listOutsideSelectionsValidator,
  outsideSelectionValidator,
} from '#validators/outside_selection'
import { ref, listOf } from '#open_api/schemas'
import { object, integer, pageQuery } from '#open_api/helpers'
import {
  cancelProjectValidator,
  createProjectValidator,
  listProjectsValidator,
  projectAttachmentValidator,
  publishProjectValidator,
} from '#validators/project'
import {
  justificationValidator,
  planScoresValidator,
  quoteDecisionValidator,
  shortlistPickValidator,
} from '#validators/selection'
import {
  acceptDirectValidator,
  declineDirectValidator,
  declineMembershipValidator,
  placeBidValidator,
} from '#validators/bid'
import { decideObjectionValidator, fileObjectionValidator } from '#validators/objection'
import { createPractitionerValidator } from '#validators/practitioner'
import {
  recordSelfPreparationValidator,
  withdrawSelfPreparationValidator,
} from '#validators/self_preparation'

/** Projects, bids, the selection and its objections (项目、报名与选取). */
export const projectOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/projects',
    tag: 'projects',
    summary: ['公开的项目公告', 'Published projects'],
    access: 'public',
    query: listProjectsValidator,
    success: { status: 200, schema: listOf('Project', true) },
  },
  {
    method: 'get',
    path: '/api/v1/projects/:id',
    tag: 'projects',
    summary: [
      '项目详情；开标后含报价、中选结果和摇号数据',
      'A project; after opening with quotes, result and draw data',
    ],
    access: 'public',
    success: { status: 200, schema: ref('Project') },
  },
  {
    method: 'post',
    path: '/api/v1/projects',
    tag: 'projects',
    summary: [
      '业主起草项目（资金来源必填；可标明审批部门委托或应急豁免）',
      'An owner drafts a project (funding source required; may be department-commissioned or exempt for an emergency)',
    ],
    access: ['owner'],
    body: createProjectValidator,
    success: { status: 201, schema: ref('ProjectState') },
  },
  {
    method: 'put',
    path: '/api/v1/projects/:id',
    tag: 'projects',
    summary: [
      '修改草稿项目（发布前；发布后 409）',
      'Edit a draft (until it is published; 409 after)',
    ],
    access: ['owner'],
    body: createProjectValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'get',
    path: '/api/v1/outside-selections',
    tag: 'projects',
    summary: [
      '超市外自主选择结果（社会投资等业主自主选择的项目；与选取结果一样公开）',
      'Selections made outside the market where the owner decides (social investment, for instance): public like results',
    ],
    access: 'public',
    query: listOutsideSelectionsValidator,
    success: { status: 200, schema: listOf('AnyObject', true) },
  },
  {
    method: 'post',
    path: '/api/v1/outside-selections',
    tag: 'projects',
    summary: [
      '业主登记超市外的选取结果（仅当按地区和资金来源适用的规则为“自愿”）',
      'An owner records a selection made outside the market (only where the rules for its region and funding source make the market voluntary)',
    ],
    access: ['owner'],
    body: outsideSelectionValidator,
    success: {
      status: 201,
      schema: object(
        {
          id: integer(1),
          rulesetVersion: integer(1),
          selectedOn: { type: 'string', format: 'date' },
        },
        ['id', 'rulesetVersion', 'selectedOn']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/publish',
    tag: 'projects',
    summary: [
      '发布项目公告（公布摇号承诺值；按地区和资金来源选用并记录规则版本）',
      'Publish the announcement (with the draw commitment; the rule set is chosen by region and funding source and recorded)',
    ],
    access: ['owner'],
    body: publishProjectValidator,
    conflict: true,
    success: {
      status: 200,
      schema: object(
        {
          status: { type: 'string', enum: ['published'] },
          round: integer(1),
          drawCommitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          deadline: { type: 'string', format: 'date-time' },
          rulesetVersion: integer(1),
          regionalAssessment: {
            type: ['object', 'null'],
            description:
              '区域评估已覆盖项目所在地的本事项时说明（不再单独编报）· set when a regional assessment covers the item where the project is',
            properties: { regionCode: { type: 'string' }, message: { type: 'string' } },
          },
        },
        ['status', 'round', 'drawCommitment', 'deadline']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/cancel',
    tag: 'projects',
    summary: ['开标前取消项目（公开理由）', 'Cancel before opening (public reason)'],
    access: ['owner'],
    body: cancelProjectValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/attachments',
    tag: 'projects',
    summary: [
      '为草稿项目附加文件（PDF/JPEG/PNG，≤ 10 MB）',
      'Attach a file to a draft (PDF/JPEG/PNG, ≤ 10 MB)',
    ],
    access: ['owner'],
    body: projectAttachmentValidator,
    bodyType: 'multipart',
    conflict: true,
    success: { status: 201, schema: ref('Created') },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/pick',
    tag: 'projects',
    summary: [
      '信用优先：业主从入围名单中选定（附理由）',
      'Credit-preferred: the owner picks from the shortlist (with reason)',
    ],
    access: ['owner'],
    body: shortlistPickValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'get',
    path: '/api/v1/projects/:id/plans',
    tag: 'projects',
    summary: [
      '综合评分：业主盲评的服务方案（方案 A、B、C…，不含机构名称与报价）',
      'Scored method: the service plans the owner scores blind (plan A, B, C…, without names or quotes)',
    ],
    access: ['owner'],
    success: {
      status: 200,
      schema: object({
        planWeight: { type: 'number' },
        data: {
          type: 'array',
          items: object({
            bidId: integer(1),
            label: { type: 'string' },
            servicePlan: { type: 'string' },
          }),
        },
      }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/plan-scores',
    tag: 'projects',
    summary: [
      '综合评分：业主为服务方案盲评打分（开启报价之前）',
      'Scored method: the owner scores the service plans blind (before the quotes are opened)',
    ],
    access: ['owner'],
    body: planScoresValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'post',
    path: '/api/v1/bids/:id/reject',
    tag: 'projects',
    summary: ['否决异常低价报价（附理由）', 'Reject an abnormally low quote (with reason)'],
    access: ['owner'],
    body: quoteDecisionValidator,
    conflict: true,
    success: {
      status: 200,
      schema: object({
        id: integer(1),
        ownerDecision: { type: 'string' },
        valid: { type: 'boolean' },
      }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/bids/:id/accept',
    tag: 'projects',
    summary: [
      '接受异常低价报价的说明（附理由）',
      'Keep an abnormally low quote after its justification (with reason)',
    ],
    access: ['owner'],
    body: quoteDecisionValidator,
    conflict: true,
    success: {
      status: 200,
      schema: object({
        id: integer(1),
        ownerDecision: { type: 'string' },
        valid: { type: 'boolean' },
      }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/owner/persons',
    tag: 'projects',
    summary: [
      '业主登记关键人员（用于回避审查）',
      'An owner names its key persons (for conflicts of interest)',
    ],
    access: ['owner'],
    body: createPractitionerValidator,
    success: { status: 201, schema: ref('Practitioner') },
  },
  {
    method: 'delete',
    path: '/api/v1/owner/persons/:id',
    tag: 'projects',
    summary: ['移除关键人员', 'Remove a key person'],
    access: ['owner'],
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/owner/self-preparations',
    tag: 'projects',
    summary: ['业主的自主编制登记', "The owner's self-preparation records"],
    access: ['owner'],
    success: { status: 200, schema: listOf('SelfPreparation') },
  },
  {
    method: 'post',
    path: '/api/v1/owner/self-preparations',
    tag: 'projects',
    summary: [
      '登记自主编制（仅限目录标注允许企业自主编制的事项）',
      'Record self-preparation (only items the catalog marks may-self-prepare)',
    ],
    description: [
      '必须委托中介机构的事项或已取消的事项 422，字段 serviceItemCode，规则 selfPreparation.item_mandatory / selfPreparation.item_retired。',
      'A mandatory or retired item is refused with 422 at serviceItemCode (rule selfPreparation.item_mandatory / selfPreparation.item_retired).',
    ],
    access: ['owner'],
    body: recordSelfPreparationValidator,
    success: { status: 201, schema: ref('SelfPreparation') },
  },
  {
    method: 'post',
    path: '/api/v1/owner/self-preparations/:id/withdraw',
    tag: 'projects',
    summary: ['撤回自主编制登记（改为选取中介机构）', 'Withdraw a self-preparation record'],
    access: ['owner'],
    body: withdrawSelfPreparationValidator,
    conflict: true,
    success: { status: 200, schema: ref('SelfPreparation') },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/bids',
    tag: 'projects',
    summary: ['中介机构报名报价（密封至开标）', 'An agency bids (sealed until opening)'],
    description: [
      '截止后 409；不符合条件时 403 并说明原因（联合体成员不符合条件时，错误的 field 指向该成员：consortium.<n>.agencyId）。联合体成员须在截止前确认（consortium-requests），否则开标时该报名无效；已确认作为他人联合体成员的机构不能单独报名（403 E_CONSORTIUM_CONFLICT）。直接选取项目只接受被指定机构的应答（即接受），其他机构 403 E_NOT_NAMED_AGENCY。leadPractitionerId/teamPractitionerIds 从本机构登记人员中指定项目负责人和团队；联合体报名时每个成员以 consortium[].practitionerIds 从该成员自己的登记人员中指定其人员（负责人始终来自牵头机构）。事项要求项目负责人执业资格（leadQualification，执业资格清单代码）的必须指定负责人，每人须持有该执业资格（等级不低于要求，联合体成员的人员以其子事项的要求为准）且有效期覆盖截止日、未被禁入（人员禁入随人走）、不是业主登记的人员、不在在职公职人员名单上，否则 403 说明原因和人员（在职公职人员只给出 serving_official，不点名）；非本机构（或该成员）人员或重复指定 422。开标和签约时再次检查。',
      '409 after the deadline; 403 with the reason when not eligible (when a consortium member is not, the error’s field names it: consortium.<n>.agencyId). Consortium members must confirm before the deadline (consortium-requests) or the bid is invalid at opening; an agency that confirmed as another bid’s member cannot bid on its own (403 E_CONSORTIUM_CONFLICT). A direct selection takes only the named agency’s answer (its acceptance); any other agency gets 403 E_NOT_NAMED_AGENCY. leadPractitionerId/teamPractitionerIds name the project lead and team among the agency’s registered persons; in a consortium bid each member names its own persons with consortium[].practitionerIds, from that member’s registered persons (the lead always comes from the lead agency). A lead is required when the item requires a lead qualification (leadQualification, a code of the person-qualification list), and each person must hold it (at that level or higher; a member’s persons are held to the member’s sub-item) valid on the deadline day, be unbanned (a person ban follows the person), not be one of the owner’s persons and not be on the list of serving officials, or 403 names the condition and the persons (a serving official gives serving_official only, naming nobody); a person of another agency (or member) or named twice is a 422. Checked again at opening and at signing.',
    ],
    access: ['agency'],
    body: placeBidValidator,
    conflict: true,
    success: { status: 201, schema: ref('BidReceipt') },
  },
  {
    method: 'get',
    path: '/api/v1/projects/:id/bids/mine',
    tag: 'projects',
    summary: ['本机构在该项目的报价及回执', 'My bid on the project and its receipt'],
    access: ['agency'],
    success: {
      status: 200,
      schema: object(
        {
          receipt: { type: 'string' },
          quoteFen: integer(1),
          nonce: { type: 'string' },
          consortium: {
            type: 'array',
            description: '联合体成员及其答复 · the members and their answers',
            items: object({
              agencyId: integer(1),
              agencyName: { type: 'string' },
              agencyUscc: { type: 'string' },
              itemCode: { type: 'string' },
              status: { enum: ['pending', 'confirmed', 'declined'] },
            }),
          },
          team: object({
            lead: { type: ['string', 'null'] },
            members: { type: 'array', items: { type: 'string' } },
          }),
        },
        ['receipt']
      ),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/projects/:id/bids/mine',
    tag: 'projects',
    summary: ['截止前撤回报名', 'Withdraw my bid before the deadline'],
    access: ['agency'],
    conflict: true,
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/bids/mine',
    tag: 'projects',
    summary: ['本机构的全部报名', "All my agency's bids"],
    access: ['agency'],
    query: pageQuery,
    success: { status: 200, schema: listOf('AnyObject', true) },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/direct/accept',
    tag: 'projects',
    summary: [
      '被直接选取的机构接受（可报价）',
      'The directly named agency accepts (optionally quoting)',
    ],
    access: ['agency'],
    body: acceptDirectValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/direct/decline',
    tag: 'projects',
    summary: ['被直接选取的机构拒绝', 'The directly named agency declines'],
    access: ['agency'],
    body: declineDirectValidator,
    conflict: true,
    success: { status: 200, schema: ref('ProjectState') },
  },
  {
    method: 'get',
    path: '/api/v1/consortium-requests',
    tag: 'projects',
    summary: [
      '本机构收到的联合体成员邀请（报名中的项目）',
      'Consortium requests naming my agency (projects still taking bids)',
    ],
    access: ['agency'],
    success: { status: 200, schema: listOf('ConsortiumRequest') },
  },
  {
    method: 'post',
    path: '/api/v1/consortium-requests/:id/confirm',
    tag: 'projects',
    summary: ['联合体成员确认参加', 'The member confirms taking part'],
    description: [
      '截止前由被列为成员的机构确认；本机构已单独报名或已确认参加其他联合体时 403 E_CONSORTIUM_CONFLICT；截止后或牵头机构已撤回时 409。',
      'By the named member before the deadline; 403 E_CONSORTIUM_CONFLICT when it has its own bid or confirmed another consortium; 409 after the deadline or once the lead withdrew.',
    ],
    access: ['agency'],
    conflict: true,
    success: { status: 200, schema: ref('ConsortiumAnswer') },
  },
  {
    method: 'post',
    path: '/api/v1/consortium-requests/:id/decline',
    tag: 'projects',
    summary: [
      '联合体成员拒绝参加（或撤回确认）',
      'The member declines (or takes back its confirmation)',
    ],
    access: ['agency'],
    body: declineMembershipValidator,
    conflict: true,
    success: { status: 200, schema: ref('ConsortiumAnswer') },
  },
  {
    method: 'post',
    path: '/api/v1/bids/:id/justification',
    tag: 'projects',
    summary: ['对异常低价作出说明', 'Justify an abnormally low quote'],
    access: ['agency'],
    body: justificationValidator,
    conflict: true,
    success: {
      status: 200,
      schema: object({ id: integer(1), justifiedAt: { type: 'string', format: 'date-time' } }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/projects/:id/objections',
    tag: 'projects',
    summary: ['参与机构在公示期内提出质疑', 'A participating agency objects during publicity'],
    access: ['agency'],
    body: fileObjectionValidator,
    conflict: true,
    success: { status: 201, schema: ref('Objection') },
  },
  {
    method: 'get',
    path: '/api/v1/objection-files/:id',
    tag: 'projects',
    summary: [
      '质疑的证据材料（项目业主、质疑机构和监管部门可见）',
      "An objection's evidence (the project's owner, the objecting agency, regulators)",
    ],
    access: 'user',
    success: {
      status: 200,
      contentType: 'application/octet-stream',
      schema: { type: 'string', contentMediaType: 'application/pdf' },
    },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/objections/:id/decide',
    tag: 'projects',
    summary: ['监管部门处理质疑', 'A regulator decides an objection'],
    access: ['regulator'],
    body: decideObjectionValidator,
    conflict: true,
    success: { status: 200, schema: ref('Objection') },
  },
  {
    method: 'get',
    path: '/api/v1/draws/:projectId/verify',
    tag: 'projects',
    summary: [
      '复算摇号（market-draw-v1）；有效投标集合确定前答复 409 E_DRAW_PENDING',
      'Recompute the draw (market-draw-v1); 409 E_DRAW_PENDING until the set of valid bids is final',
    ],
    access: 'public',
    conflict: true,
    success: {
      status: 200,
      schema: object(
        {
          valid: { type: 'boolean' },
          commitment: { type: 'string' },
          seed: { type: ['string', 'null'] },
          drawSeed: { type: ['string', 'null'] },
          algorithm: { const: 'market-draw-v1' },
          candidates: { type: 'array', items: { type: 'string' } },
          picks: { type: 'array', items: { type: 'string' } },
        },
        ['valid', 'algorithm']
      ),
    },
  },
]
