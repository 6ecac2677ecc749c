import type { ApiOperation } from '#open_api/types'
import { ref, listOf } from '#open_api/schemas'
import { object, integer } from '#open_api/helpers'
import { credentialsValidator, registerAccountValidator } from '#validators/account'
import { createAccessTokenValidator } from '#validators/access_token'
import { alertSubscriptionValidator } from '#validators/alert'
import {
  listNotificationsValidator,
  markNotificationsReadValidator,
} from '#validators/notification'

/** Accounts, access tokens, notifications and this document. */
export const accountOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/auth/register',
    tag: 'accounts',
    summary: [
      '注册业主或中介机构（机构与首个用户）',
      'Register an owner or an agency (organisation and first user)',
    ],
    access: 'public',
    body: registerAccountValidator,
    success: { status: 201, schema: ref('Account') },
  },
  {
    method: 'post',
    path: '/api/v1/auth/tokens',
    tag: 'accounts',
    summary: ['以邮箱和密码换取访问令牌', 'Exchange e-mail and password for an access token'],
    description: [
      '令牌拥有全部权限（*），有效期 90 天；每个邮箱与 IP 10 分钟内失败 5 次后返回 429。已停用的账户返回 403 E_ACCOUNT_SUSPENDED（停用时其全部令牌已作废）。',
      'The token has every scope (*) and lives 90 days; five failures per e-mail and IP within ten minutes answer 429. A suspended account answers 403 E_ACCOUNT_SUSPENDED (its tokens were deleted at the suspension).',
    ],
    access: 'public',
    body: credentialsValidator,
    success: {
      status: 200,
      schema: object(
        { token: { type: 'string' }, expiresAt: { type: ['string', 'null'], format: 'date-time' } },
        ['token']
      ),
    },
  },
  {
    method: 'get',
    path: '/api/v1/me',
    tag: 'accounts',
    summary: ['令牌所属的用户和机构', "The token's user and organisation"],
    access: 'user',
    success: { status: 200, schema: ref('Account') },
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'accounts',
    summary: ['我的访问令牌', 'My access tokens'],
    description: [
      '不含令牌明文或哈希；current 标出本次请求所用的令牌。',
      'Never the secret nor its hash; `current` marks the token of this request.',
    ],
    access: 'user',
    success: { status: 200, schema: listOf('AccessToken') },
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    tag: 'accounts',
    summary: ['创建访问令牌', 'Create an access token'],
    description: [
      '权限范围默认 read 与 write，有效期默认 90 天（最长 365 天）；明文令牌只在此应答中出现一次。',
      'Scopes default to read and write, the lifetime to 90 days (at most 365); the plain token appears only in this answer.',
    ],
    access: 'user',
    body: createAccessTokenValidator,
    success: { status: 201, schema: ref('NewAccessToken') },
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/:id',
    tag: 'accounts',
    summary: ['撤销访问令牌（立即生效）', 'Revoke an access token (at once)'],
    access: 'user',
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/alerts',
    tag: 'accounts',
    summary: ['我的公告订阅提醒', 'My announcement alert'],
    description: ['data 为 null 表示未订阅。', '`data` is null when there is no subscription.'],
    access: 'user',
    success: { status: 200, schema: object({ data: { type: ['object', 'null'] } }, ['data']) },
  },
  {
    method: 'put',
    path: '/api/v1/alerts',
    tag: 'accounts',
    summary: ['订阅或修改公告提醒', 'Subscribe to announcement alerts, or change them'],
    description: [
      '按服务事项编码和地区代码筛选（不传即全部；省含其下市区县）；immediate 每条公告一封邮件，daily 每天北京时间 8:00 汇总。',
      'Filter by item codes and region codes (none = all; a province includes its cities and districts); `immediate` sends one e-mail per announcement, `daily` one digest at 08:00 Beijing time.',
    ],
    access: 'user',
    body: alertSubscriptionValidator,
    success: { status: 200, schema: object({ data: { type: 'object' } }, ['data']) },
  },
  {
    method: 'delete',
    path: '/api/v1/alerts',
    tag: 'accounts',
    summary: ['取消公告提醒', 'Cancel announcement alerts'],
    access: 'user',
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/notifications',
    tag: 'accounts',
    summary: ['本机构的站内通知', "My organisation's notifications"],
    access: 'user',
    query: listNotificationsValidator,
    success: { status: 200, schema: listOf('Notification', true) },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/read',
    tag: 'accounts',
    summary: ['标记通知为已读（不传 ids 即全部）', 'Mark notifications read (all without ids)'],
    access: 'user',
    body: markNotificationsReadValidator,
    success: {
      status: 200,
      schema: object({ marked: integer(0), unread: integer(0) }, ['marked', 'unread']),
    },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'accounts',
    summary: ['本 API 的 OpenAPI 3.1 文档', 'This API as an OpenAPI 3.1 document'],
    access: 'public',
    success: { status: 200, schema: { type: 'object' } },
  },
]
