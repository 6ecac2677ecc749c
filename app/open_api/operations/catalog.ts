import type { ApiOperation } from '#open_api/types'
import { ref, listOf } from '#open_api/schemas'
import { object, integer, pageQuery } from '#open_api/helpers'
import {
  catalogFiltersValidator,
  createServiceItemValidator,
  reviseServiceItemValidator,
} from '#validators/service_item'
import { directoryFiltersValidator, updateAgencyProfileValidator } from '#validators/agency'
import { createQualificationValidator } from '#validators/qualification'
import { createPractitionerValidator } from '#validators/practitioner'
import { marketRulesValidator } from '#validators/market_rules'
import {
  calendarYearValidator,
  setCalendarDayValidator,
  workingDaysQueryValidator,
} from '#validators/calendar'

/** The catalog (中介服务事项库), the directory (中介机构库), an agency's own registry entry, the calendar. */
export const catalogOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/service-items',
    tag: 'catalog',
    summary: ['中介服务事项清单', 'The catalog of intermediary service items'],
    access: 'public',
    query: catalogFiltersValidator,
    success: { status: 200, schema: listOf('ServiceItem') },
  },
  {
    method: 'get',
    path: '/api/v1/service-items/:code',
    tag: 'catalog',
    summary: ['事项现行版本及全部历史版本', 'An item: its current version and whole history'],
    access: 'public',
    stringParams: ['code'],
    success: { status: 200, schema: ref('ServiceItem') },
  },
  {
    method: 'post',
    path: '/api/v1/service-items',
    tag: 'catalog',
    summary: ['新增事项（版本 1）', 'Add an item (version 1)'],
    access: ['regulator'],
    body: createServiceItemValidator,
    success: { status: 201, schema: ref('ServiceItem') },
  },
  {
    method: 'put',
    path: '/api/v1/service-items/:code',
    tag: 'catalog',
    summary: [
      '调整事项（须填调整理由，生成新版本）',
      'Revise an item (a change reason is required; a new version)',
    ],
    access: ['regulator'],
    stringParams: ['code'],
    body: reviseServiceItemValidator,
    success: { status: 200, schema: ref('ServiceItem') },
  },
  {
    method: 'get',
    path: '/api/v1/agencies',
    tag: 'agencies',
    summary: [
      '中介机构名录（按事项、地区、信用等级、关键词筛选）',
      'The agency directory (filter by item, region, grade, keyword)',
    ],
    access: 'public',
    query: directoryFiltersValidator,
    success: { status: 200, schema: listOf('AgencyListItem', true) },
  },
  {
    method: 'get',
    path: '/api/v1/agencies/:id',
    tag: 'agencies',
    summary: [
      '中介机构公示信息（资质、人员、信用记录）',
      "An agency's public profile (qualifications, people, credit)",
    ],
    access: 'public',
    success: { status: 200, schema: ref('AgencyProfile') },
  },
  {
    method: 'get',
    path: '/api/v1/organizations/:id',
    tag: 'agencies',
    summary: ['机构的公开信息', "An organisation's public facts"],
    access: 'public',
    success: { status: 200, schema: ref('Organization') },
  },
  {
    method: 'get',
    path: '/api/v1/agency/profile',
    tag: 'agencies',
    summary: ['本机构的名录信息', "My agency's registry entry"],
    access: ['agency'],
    success: { status: 200, schema: ref('AgencyProfile') },
  },
  {
    method: 'get',
    path: '/api/v1/agency/credit-events',
    tag: 'agencies',
    summary: [
      '本机构的全部信用记录（含不再公示的），附失信等级、可申请修复日期、公示截止日期和申请',
      "All my agency's credit records (including those no longer published), with class, repair date, end of publication and applications",
    ],
    access: ['agency'],
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'put',
    path: '/api/v1/agency/profile',
    tag: 'agencies',
    summary: [
      '更新服务事项、简介、地区和服务承诺',
      'Update items, description, region and commitments',
    ],
    access: ['agency'],
    body: updateAgencyProfileValidator,
    success: { status: 200, schema: ref('AgencyProfile') },
  },
  {
    method: 'post',
    path: '/api/v1/agency/withdraw',
    tag: 'agencies',
    summary: ['自愿退出中介超市', 'Leave the market voluntarily'],
    access: ['agency'],
    conflict: true,
    success: { status: 200, schema: ref('AgencyProfile') },
  },
  {
    method: 'post',
    path: '/api/v1/agency/return',
    tag: 'agencies',
    summary: ['重新入驻', 'Come back to the market'],
    access: ['agency'],
    conflict: true,
    success: { status: 200, schema: ref('AgencyProfile') },
  },
  {
    method: 'post',
    path: '/api/v1/agency/qualifications',
    tag: 'agencies',
    summary: [
      '登记资质（可附 PDF/JPEG/PNG 扫描件，≤ 10 MB）',
      'Record a qualification (optional PDF/JPEG/PNG scan, ≤ 10 MB)',
    ],
    access: ['agency'],
    body: createQualificationValidator,
    bodyType: 'multipart',
    success: { status: 201, schema: ref('Qualification') },
  },
  {
    method: 'delete',
    path: '/api/v1/agency/qualifications/:id',
    tag: 'agencies',
    summary: ['删除未经抽查的资质', 'Remove a qualification not yet spot-checked'],
    access: ['agency'],
    conflict: true,
    success: { status: 204 },
  },
  {
    method: 'post',
    path: '/api/v1/agency/practitioners',
    tag: 'agencies',
    summary: [
      '登记负责人或执业人员（身份证号只存哈希）',
      'Name a manager or practitioner (ID number kept only as a hash)',
    ],
    access: ['agency'],
    body: createPractitionerValidator,
    success: { status: 201, schema: ref('Practitioner') },
  },
  {
    method: 'delete',
    path: '/api/v1/agency/practitioners/:id',
    tag: 'agencies',
    summary: ['移除人员', 'Remove a person'],
    access: ['agency'],
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/qualifications/:id/file',
    tag: 'agencies',
    summary: [
      '资质扫描件（本机构、监管部门和管理员可见）',
      'A qualification scan (the agency itself, regulators, admins)',
    ],
    access: 'user',
    success: {
      status: 200,
      contentType: 'application/octet-stream',
      schema: { type: 'string', contentMediaType: 'application/pdf' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/calendar',
    tag: 'calendar',
    summary: [
      '一年中调休和节假日的例外日',
      "A year's exceptions to the working week (holidays, swapped days)",
    ],
    access: 'public',
    query: calendarYearValidator,
    success: {
      status: 200,
      schema: object({ year: integer(), data: { type: 'array', items: { type: 'object' } } }, [
        'year',
        'data',
      ]),
    },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/working-days',
    tag: 'calendar',
    summary: ['自某日起第 N 个工作日', 'The Nth working day from a date'],
    access: 'public',
    query: workingDaysQueryValidator,
    success: {
      status: 200,
      schema: object(
        {
          from: { type: 'string', format: 'date' },
          days: integer(0),
          due: { type: 'string', format: 'date' },
          provisional: {
            type: 'boolean',
            description:
              'True when a year the count crosses has no official holiday schedule loaded yet: counted from weekends alone, the due day may still move.',
          },
        },
        ['due', 'provisional']
      ),
    },
  },
  {
    method: 'put',
    path: '/api/v1/admin/calendar/:day',
    tag: 'calendar',
    summary: ['设定某日为工作日或休息日', 'Set a day as working or rest day'],
    access: ['admin'],
    stringParams: ['day'],
    body: setCalendarDayValidator,
    bodyOmit: ['day'],
    success: { status: 200, schema: { type: 'object' } },
  },
  {
    method: 'delete',
    path: '/api/v1/admin/calendar/:day',
    tag: 'calendar',
    summary: ['取消某日的例外设定', "Clear a day's exception"],
    access: ['admin'],
    stringParams: ['day'],
    success: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v1/rules',
    tag: 'calendar',
    summary: [
      '市场规则参数的全部版本（适用地区和资金来源、施行日期、理由、变更内容）',
      'Every version of the market rule parameters (region and funding source it applies to, effective date, reason, changes)',
    ],
    access: 'public',
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'post',
    path: '/api/v1/admin/rules',
    tag: 'calendar',
    summary: [
      '发布市场规则新版本（只需列出要修改的参数，须填施行日期和理由；可限定地区和资金来源）',
      'Publish a new version of the market rules (only the parameters to change, with effective date and reason; optionally for one region and funding source)',
    ],
    access: ['admin'],
    body: marketRulesValidator,
    success: { status: 201, schema: ref('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/contract-templates',
    tag: 'contracts',
    summary: ['示范合同（现行版本）', 'Model contracts (current versions)'],
    access: 'public',
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/contract-templates/:key',
    tag: 'contracts',
    summary: ['示范合同的全部版本及调整理由', 'Every version of a model contract, with reasons'],
    access: 'public',
    stringParams: ['key'],
    success: { status: 200, schema: listOf('AnyObject') },
  },
  {
    method: 'get',
    path: '/api/v1/public/exposure',
    tag: 'regulators',
    summary: ['曝光台：禁入与处理决定', 'Exposure: market bans and decisions'],
    access: 'public',
    query: pageQuery,
    success: { status: 200, schema: listOf('AnyObject', true) },
  },
]
