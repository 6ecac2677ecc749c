import type { ApiOperation } from '#open_api/types'
import {
  itemExportValidator,
  ocdsReleasesValidator,
  projectExportValidator,
} from '#validators/open_data'
import { directoryFiltersValidator } from '#validators/agency'

const csv = (zh: string, en: string) =>
  ({
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    schema: { type: 'string' },
    description: [`${zh}（UTF-8 带 BOM，中文表头）`, `${en} (UTF-8 with BOM, Chinese header)`],
  }) as const

/** Open data: OCDS 1.1 packages and CSV downloads (公开数据). */
export const openDataOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/ocds/releases',
    tag: 'open-data',
    summary: [
      'OCDS 1.1 发布包（按时间先后，分页）',
      'OCDS 1.1 release package (oldest first, paged)',
    ],
    access: 'public',
    query: ocdsReleasesValidator,
    success: { status: 200, schema: { type: 'object', description: 'OCDS release package' } },
  },
  {
    method: 'get',
    path: '/api/v1/ocds/records/:ocid',
    tag: 'open-data',
    summary: [
      '一个项目的 OCDS 记录包（含合成发布）',
      "A project's OCDS record package (with the compiled release)",
    ],
    access: 'public',
    stringParams: ['ocid'],
    success: { status: 200, schema: { type: 'object', description: 'OCDS record package' } },
  },
  {
    method: 'get',
    path: '/api/v1/exports/projects.csv',
    tag: 'open-data',
    summary: ['项目 CSV', 'Projects as CSV'],
    access: 'public',
    query: projectExportValidator,
    success: csv('项目', 'Projects'),
  },
  {
    method: 'get',
    path: '/api/v1/exports/agencies.csv',
    tag: 'open-data',
    summary: ['中介机构 CSV', 'Agencies as CSV'],
    access: 'public',
    query: directoryFiltersValidator,
    success: csv('中介机构', 'Agencies'),
  },
  {
    method: 'get',
    path: '/api/v1/exports/results.csv',
    tag: 'open-data',
    summary: ['选取结果 CSV', 'Selection results as CSV'],
    access: 'public',
    query: itemExportValidator,
    success: csv('选取结果', 'Results'),
  },
  {
    method: 'get',
    path: '/api/v1/exports/contracts.csv',
    tag: 'open-data',
    summary: ['合同公告 CSV', 'Contract notices as CSV'],
    access: 'public',
    query: itemExportValidator,
    success: csv('合同公告', 'Contracts'),
  },
]
