import type { ApiOperation } from '#open_api/types'
import type { JsonSchema } from '#open_api/types'
import { object, integer, string } from '#open_api/helpers'
import { agencyDeclarationValidator } from '#validators/agency_declaration'
import {
  addAffiliateValidator,
  createDepartmentValidator,
  removeAffiliateValidator,
  renameDepartmentValidator,
} from '#validators/department'
import { loadServingOfficialsValidator } from '#validators/serving_official_list'

const text: JsonSchema = { type: ['string', 'null'] }
const time: JsonSchema = { type: ['string', 'null'], format: 'date-time' }

const department = object(
  {
    id: integer(1),
    name: string(),
    regionCode: string(6, 6),
    catalogOffice: { type: 'boolean' },
  },
  ['id', 'name', 'regionCode', 'catalogOffice']
)

const affiliate = object(
  {
    id: integer(1),
    departmentId: integer(1),
    uscc: string(18, 18),
    name: string(),
    relation: { enum: ['sponsors', 'supervises', 'owns'] },
    addedReason: string(),
    addedAt: time,
    removedAt: time,
    removedReason: text,
  },
  ['id', 'departmentId', 'uscc', 'name', 'relation', 'addedReason', 'addedAt']
)

const declaration: JsonSchema = {
  oneOf: [
    { type: 'null' },
    object(
      {
        version: integer(1),
        declaredAt: time,
        nature: { enum: ['enterprise', 'institution', 'social_organization'] },
        sponsor: {
          oneOf: [{ type: 'null' }, object({ name: string(), uscc: string(18, 18) })],
        },
        shareholders: {
          type: 'array',
          items: object({
            name: string(),
            uscc: text,
            person: { type: 'boolean' },
            shareBp: integer(1, 10_000),
          }),
        },
      },
      ['version', 'nature', 'shareholders']
    ),
  ],
}

const suspended = {
  type: 'array',
  items: object({
    organizationId: integer(1),
    kind: { enum: ['listing', 'bid'] },
    serviceItemId: integer(1),
  }),
}

/** 红顶中介 and 在职公职人员兼职: the register, declarations, the list of serving officials. */
export const integrityOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/departments',
    tag: 'catalog',
    summary: [
      '审批部门及其所属、主管、出资单位登记簿（公开）',
      'The public register of approval departments and the organisations each sponsors, supervises or owns',
    ],
    access: 'public',
    success: {
      status: 200,
      schema: object({
        data: {
          type: 'array',
          items: {
            allOf: [
              department,
              object({
                affiliates: { type: 'array', items: affiliate },
                removed: { type: 'array', items: affiliate },
              }),
            ],
          },
        },
      }),
    },
  },
  {
    method: 'get',
    path: '/api/v1/agency/declaration',
    tag: 'agencies',
    summary: ['本机构现行的性质与关联关系申报', "The agency's declaration in force"],
    access: ['agency'],
    success: { status: 200, schema: object({ declaration }) },
  },
  {
    method: 'put',
    path: '/api/v1/agency/declaration',
    tag: 'agencies',
    summary: [
      '申报机构性质、举办或主管单位、持股 5% 以上股东（新版本）',
      'Declare nature, sponsor or supervising body and shareholders of 5 % or more (a new version)',
    ],
    description: [
      'shareBp 为万分比（500 = 5%）；自然人股东填 idNumber（只保存哈希，从不返回）。与某审批部门存在关联时，本机构在该部门事项上的入驻和未截止报名立即暂停，suspended 列出暂停的业务。',
      'shareBp in basis points (500 = 5 %); a person by idNumber (only its hash is kept, never returned). When the declaration ties the agency to an approval department, its listings and open bids on that department’s items are suspended at once; suspended lists them.',
    ],
    access: ['agency'],
    body: agencyDeclarationValidator,
    success: { status: 200, schema: object({ declaration, suspended }) },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/departments',
    tag: 'regulators',
    summary: ['登记审批部门（目录管理机构）', 'Register an approval department (catalog office)'],
    access: ['regulator'],
    body: createDepartmentValidator,
    success: { status: 201, schema: department },
  },
  {
    method: 'put',
    path: '/api/v1/regulator/departments/:id',
    tag: 'regulators',
    summary: [
      '审批部门更名（目录管理机构，须说明理由）',
      'Rename an approval department (catalog office, with a reason)',
    ],
    description: [
      '事项和监管人员按部门编号关联，更名不影响其权限。',
      'Items and regulators name the department by id: a rename changes none of their rights.',
    ],
    access: ['regulator'],
    body: renameDepartmentValidator,
    success: { status: 200, schema: department },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/departments/:id/affiliates',
    tag: 'regulators',
    summary: [
      '登记审批部门举办、主管或出资的单位（须说明理由）',
      'Enter an organisation the department sponsors, supervises or owns (with a reason)',
    ],
    description: [
      '同一事务中暂停与之关联的中介机构在本部门事项上的入驻和未截止报名，并通知该机构和本部门监管人员。',
      'In the same transaction, the listings and open bids of agencies now affiliated, on this department’s items, are suspended, and the agency and the department’s regulators are told.',
    ],
    access: ['regulator'],
    body: addAffiliateValidator,
    success: { status: 201, schema: object({ entry: affiliate, suspended }) },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/affiliates/:id/remove',
    tag: 'regulators',
    summary: [
      '将单位移出登记簿（须说明理由）',
      'Take an organisation off the register (with a reason)',
    ],
    access: ['regulator'],
    body: removeAffiliateValidator,
    success: { status: 200, schema: affiliate },
    conflict: true,
  },
  {
    method: 'get',
    path: '/api/v1/regulator/conflict-suspensions',
    tag: 'regulators',
    summary: [
      '因关联关系暂停的入驻和报名（最近 100 条）',
      'Listings and bids suspended for affiliation (latest 100)',
    ],
    access: ['regulator'],
    success: {
      status: 200,
      schema: object({
        data: {
          type: 'array',
          items: object({
            id: integer(1),
            organizationId: integer(1),
            agency: string(),
            kind: { enum: ['listing', 'bid'] },
            cause: { enum: ['register', 'declaration'] },
            via: { enum: ['self', 'sponsor', 'shareholder'] },
            viaName: string(),
            item: string(),
            department: string(),
            project: text,
            suspendedAt: time,
          }),
        },
      }),
    },
  },
  {
    method: 'get',
    path: '/api/v1/regulator/officials',
    tag: 'regulators',
    summary: [
      '现行在职公职人员名单（不含哈希）及相符人员',
      'The list of serving officials in force (never its hashes) and the persons who match',
    ],
    access: ['regulator'],
    success: {
      status: 200,
      schema: object({
        list: {
          oneOf: [
            { type: 'null' },
            object({
              id: integer(1),
              source: string(),
              asOf: string(10, 10),
              rows: integer(1),
              loadedAt: time,
            }),
          ],
        },
        matches: {
          type: 'array',
          items: object({
            organizationId: integer(1),
            agency: string(),
            uscc: string(),
            name: string(),
            capacity: { enum: ['manager', 'practitioner', 'shareholder'] },
          }),
        },
      }),
    },
  },
  {
    method: 'post',
    path: '/api/v1/regulator/officials',
    tag: 'regulators',
    summary: [
      '上传哈希名单替换在职公职人员名单',
      'Upload the hash list that replaces the list of serving officials',
    ],
    description: [
      'multipart：file（node ace officials:hash 生成的 CSV，首行 id_hash，每行一个 64 位十六进制哈希，≤ 14 MB、20 万行）、source、asOf（yyyy-MM-dd）。格式不符的文件整个拒绝（422），只指出首个错误行号。',
      'multipart: file (the CSV node ace officials:hash writes: header id_hash, one 64-hex hash a line, ≤ 14 MB and 200,000 rows), source, asOf (yyyy-MM-dd). A file in any other shape is refused whole (422), naming only the first bad line.',
    ],
    access: ['regulator'],
    body: loadServingOfficialsValidator,
    bodyType: 'multipart',
    success: { status: 201, schema: object({ id: integer(1), rows: integer(1) }) },
  },
]
