import type { ApiOperation, JsonSchema } from '#open_api/types'
import { object } from '#open_api/helpers'
import { addColleagueValidator } from '#validators/account'
import {
  designateSignatoryValidator,
  enrolSigningKeyValidator,
  revokeSignatoryValidator,
  revokeSigningKeyValidator,
  signatoryRegisterValidator,
} from '#validators/signing'

const time = { type: 'string', format: 'date-time' }
const nullableTime = { type: ['string', 'null'], format: 'date-time' }
const capacity = { enum: ['registrant', 'legal_representative', 'authorised_representative'] }

const signingCertificate: JsonSchema = object(
  {
    serialNumber: { type: 'string', pattern: '^[0-9a-f]+$' },
    scheme: { type: 'string' },
    capacity,
    publicKeySha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    notBefore: time,
    notAfter: time,
    revokedAt: nullableTime,
    revocationReason: { type: ['string', 'null'] },
    status: { enum: ['valid', 'revoked', 'expired'] },
    revocable: { type: 'boolean' },
    certificatePem: { type: 'string' },
  },
  ['serialNumber', 'scheme', 'capacity', 'notBefore', 'notAfter', 'status', 'certificatePem']
)

const signatory: JsonSchema = object(
  {
    userId: { type: 'integer' },
    name: { type: 'string' },
    capacity,
    designationId: { type: ['integer', 'null'] },
    designatedAt: nullableTime,
    hasDocument: { type: 'boolean' },
  },
  ['userId', 'name', 'capacity']
)

/** Reliable electronic signatures: the market CA, signer-held keys, and who may sign for whom. */
export const signingOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/pki/ca.pem',
    tag: 'accounts',
    summary: ['平台 CA 证书（PEM）', "The market CA's certificate (PEM)"],
    description: ['所有签名证书的信任锚。', 'The trust anchor of every signing certificate.'],
    access: 'public',
    success: { status: 200, contentType: 'application/x-pem-file', schema: { type: 'string' } },
  },
  {
    method: 'get',
    path: '/api/v1/pki/crl',
    tag: 'accounts',
    summary: ['证书吊销列表（CRL，DER 编码）', 'The certificate revocation list (CRL, DER)'],
    description: [
      'RFC 5280 CRL，DER 编码（application/pkix-crl），每次请求时签发，有效期一天；列出全部已吊销的证书及原因。',
      'An RFC 5280 CRL in DER (application/pkix-crl), signed at each request and good for a day; every revoked certificate with its reason.',
    ],
    access: 'public',
    success: {
      status: 200,
      contentType: 'application/pkix-crl',
      schema: { type: 'string', contentMediaType: 'application/pkix-crl' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/signing-keys',
    tag: 'accounts',
    summary: ['我的签名证书', 'My signing certificates'],
    access: ['owner', 'agency'],
    success: {
      status: 200,
      schema: object({ data: { type: 'array', items: signingCertificate } }, ['data']),
    },
  },
  {
    method: 'post',
    path: '/api/v1/signing-keys',
    tag: 'accounts',
    summary: ['登记签名密钥（提交证书请求）', 'Enrol a signing key (send a certificate request)'],
    description: [
      'csrPem：由调用方自持的 ECDSA P-256 私钥签名的 PKCS#10 证书请求（PEM）；password：登录密码（与签署相同的错误次数限制，超限 429）。证书主体取自平台登记的姓名、单位名称、统一社会信用代码和签署身份，不取证书请求中的主体。请求签名无法验证或非 P-256 密钥返回 422；非本单位现任签署人返回 403 E_NOT_SIGNATORY。',
      "csrPem: a PKCS#10 request (PEM) signed by an ECDSA P-256 key the caller holds; password: the account's password (throttled as signing is; 429 over the limit). The subject is the name, organisation, USCC and capacity in the market's records, never the request's. A request whose signature does not verify or a key other than P-256 answers 422; a user who is not a current signatory of the organisation 403 E_NOT_SIGNATORY.",
    ],
    access: ['owner', 'agency'],
    body: enrolSigningKeyValidator,
    success: { status: 201, schema: signingCertificate },
    conflict: true,
  },
  {
    method: 'delete',
    path: '/api/v1/signing-keys/:serial',
    tag: 'accounts',
    summary: ['吊销自己的签名证书', 'Revoke one of my signing certificates'],
    description: [
      'serial 为十六进制序列号；reason 可选（key_compromise：设备丢失），吊销后立即列入 CRL。',
      'serial: the hexadecimal serial number; reason optional (key_compromise: a lost device). The certificate is on the CRL at once.',
    ],
    access: ['owner', 'agency'],
    stringParams: ['serial'],
    body: revokeSigningKeyValidator,
    success: { status: 204 },
    conflict: true,
  },
  {
    method: 'get',
    path: '/api/v1/organization/signatories',
    tag: 'accounts',
    summary: ['本单位的签署人', "My organisation's signatories"],
    access: ['owner', 'agency'],
    success: {
      status: 200,
      schema: object(
        {
          data: { type: 'array', items: signatory },
          revoked: { type: 'array' },
          designatable: { type: 'array' },
        },
        ['data']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/organization/users',
    tag: 'accounts',
    summary: [
      '签署人添加本单位的同事（发送设置密码的链接）',
      'A signatory adds a colleague to the organisation',
    ],
    description: [
      'fullName、email。新用户与添加者同一单位、同一角色；系统向其邮箱发送设置密码的链接，添加者不知道其密码。仅现任签署人可添加（否则 403）；邮箱已注册 422。',
      "fullName, email. The new user has the adder's organisation and role and gets a password-setting link by e-mail; the adder never learns the password. Only a current signatory adds (403 otherwise); 422 for an e-mail registered already.",
    ],
    access: ['owner', 'agency'],
    body: addColleagueValidator,
    success: {
      status: 201,
      schema: object(
        {
          userId: { type: 'integer' },
          fullName: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string' },
        },
        ['userId']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/organization/signatories',
    tag: 'accounts',
    summary: [
      '指定签署人（附授权文件）',
      'Designate a signatory (with the authorisation document)',
    ],
    description: [
      'multipart：userId（本单位用户）、capacity（legal_representative 法定代表人 / authorised_representative 授权代表）、document（PDF/JPEG/PNG，≤ 10 MB，按内容识别）。仅现任签署人可指定（否则 403）。',
      'multipart: userId (a user of the organisation), capacity (legal_representative / authorised_representative), document (PDF/JPEG/PNG, ≤ 10 MB, recognised by content). Only a current signatory designates (403 otherwise).',
    ],
    access: ['owner', 'agency'],
    body: designateSignatoryValidator,
    bodyType: 'multipart',
    success: {
      status: 201,
      schema: object(
        {
          designationId: { type: 'integer' },
          userId: { type: 'integer' },
          capacity,
          designatedAt: time,
        },
        ['designationId', 'userId', 'capacity']
      ),
    },
  },
  {
    method: 'post',
    path: '/api/v1/organization/signatories/:id/revoke',
    tag: 'accounts',
    summary: [
      '撤销签署人（其签名证书一并吊销）',
      'Revoke a signatory (and their signing certificates)',
    ],
    description: [
      'id 为该签署人的用户 id。不能撤销唯一的签署人（409）。',
      "id: the signatory's user id. The only signatory cannot be revoked (409).",
    ],
    access: ['owner', 'agency'],
    body: revokeSignatoryValidator,
    success: {
      status: 200,
      schema: object({ userId: { type: 'integer' }, revokedCertificates: { type: 'integer' } }, [
        'userId',
        'revokedCertificates',
      ]),
    },
    conflict: true,
  },
  {
    method: 'get',
    path: '/api/v1/signatory-documents/:id',
    tag: 'accounts',
    summary: [
      '签署人授权文件（本单位用户、监管部门和管理员可见）',
      "A signatory's authorisation document (the organisation's users, regulators, admins)",
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
    path: '/api/v1/regulator/signatories',
    tag: 'regulators',
    summary: ['签署人登记：各单位谁可以签署', 'The signatory register: who may sign for whom'],
    access: ['regulator', 'admin'],
    query: signatoryRegisterValidator,
    success: {
      status: 200,
      schema: object(
        {
          data: {
            type: 'array',
            items: object(
              {
                organizationId: { type: 'integer' },
                name: { type: 'string' },
                uscc: { type: 'string' },
                kind: { type: 'string' },
                signatories: { type: 'array', items: signatory },
              },
              ['organizationId', 'name', 'uscc', 'signatories']
            ),
          },
          meta: { type: 'object' },
        },
        ['data', 'meta']
      ),
    },
  },
]
