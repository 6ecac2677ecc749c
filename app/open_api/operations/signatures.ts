import type { ApiOperation, JsonSchema } from '#open_api/types'
import { contractPdfValidator } from '#validators/contract_verification'

const signatureReport: JsonSchema = {
  type: 'object',
  required: ['valid', 'modifiedAfterLastSignature', 'contractOfRecordId', 'signatures'],
  properties: {
    valid: { type: 'boolean' },
    modifiedAfterLastSignature: { type: 'boolean' },
    contractOfRecordId: { type: ['integer', 'null'] },
    signatures: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          fieldName: { type: ['string', 'null'] },
          valid: { type: 'boolean' },
          signer: {
            type: ['object', 'null'],
            properties: {
              subject: { type: 'string' },
              commonName: { type: ['string', 'null'] },
              serialNumber: { type: 'string' },
            },
          },
          claimedSigningTime: { type: ['string', 'null'], format: 'date-time' },
          byteRange: { type: 'array', items: { type: 'integer' } },
          coversRevision: { type: 'boolean' },
          coversWholeDocument: { type: 'boolean' },
          integrity: { type: 'boolean' },
          chain: { type: 'object' },
          revocation: { type: 'object' },
          timestamp: { type: 'object' },
          contract: { type: 'object' },
          problems: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
}

/** Signed contract PDFs (PAdES): verification and the development time-stamping authority. */
export const signatureOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/contracts/verify',
    tag: 'contracts',
    summary: [
      '验证已签署的合同 PDF（PAdES）：逐个签名的签名人、证书链、吊销、时间戳、覆盖范围与合同文本',
      'Verify a signed contract PDF (PAdES): each signature’s signer, chain, revocation, timestamp, coverage and contract text',
    ],
    description: [
      '上传字段 file（PDF，≤ 10 MB，须以 %PDF- 开头）；文件不保存。不是 PDF 返回 422。',
      'Multipart field file (PDF, ≤ 10 MB, must begin with %PDF-); the file is not kept. A non-PDF answers 422.',
    ],
    access: 'public',
    body: contractPdfValidator,
    bodyType: 'multipart',
    success: { status: 200, schema: signatureReport },
  },
  {
    method: 'post',
    path: '/api/v1/pki/tsa',
    tag: 'contracts',
    summary: [
      '平台开发用时间戳服务（RFC 3161）',
      "The market's development time-stamping authority (RFC 3161)",
    ],
    description: [
      '请求体为 DER 编码的 TimeStampReq（Content-Type: application/timestamp-query），应答为 TimeStampResp（application/timestamp-reply）。仅用于开发与测试；生产环境未配置时返回 404。',
      'The body is a DER TimeStampReq (Content-Type: application/timestamp-query); the answer a TimeStampResp (application/timestamp-reply). For development and tests only; 404 in production unless configured.',
    ],
    access: 'public',
    body: { type: 'string', contentEncoding: 'binary', description: 'DER TimeStampReq' },
    bodyType: 'timestamp-query',
    success: {
      status: 200,
      contentType: 'application/timestamp-reply',
      schema: { type: 'string', contentEncoding: 'binary' },
    },
  },
]
