/*
 * The public verification of an uploaded contract PDF (page and API): the
 * hostile-upload bounds (30 verifications a minute per address; the size is
 * the validator's and the route's; the
 * `%PDF-` header is checked again here; the verification has a time limit and
 * a signature count limit), the market's trust anchors and CRL, and the contract of
 * record the PDF names, when the market has it.
 */
import { readFile } from 'node:fs/promises'
import limiter from '@adonisjs/limiter/services/main'
import InvalidInputException from '#exceptions/invalid_input_exception'
import { contractOfRecordById } from '#queries/contract_of_record'
import { INFO_KEYS } from '#services/pades/contract_pdf'
import {
  marketCrls,
  marketTrustAnchors,
  marketTsaTrustAnchors,
} from '#services/pades/trust_anchors'
import { verifyContractPdf, type VerificationReport } from '#services/pades/verify_pdf'

export const VERIFY_TIME_LIMIT_MS = 10_000
export const MAX_SIGNATURES = 20
/** Verifications one address may ask for per minute (each costs up to a second of CPU). */
export const VERIFICATIONS_PER_MINUTE = 30

function refuse(rule: 'pdf' | 'tooManySignatures' | 'tooSlow'): never {
  throw new InvalidInputException([
    {
      field: 'file',
      rule: `contractPdf.${rule}`,
      identifier: `contract_verification.refusals.${rule}`,
    },
  ])
}

/** The contract id the file's last document information names (null when none). */
function namedContractId(text: string) {
  const pattern = new RegExp(`/${INFO_KEYS.contractId}\\s*\\((\\d{1,12})\\)`, 'g')
  const last = [...text.matchAll(pattern)].at(-1)
  return last ? Number(last[1]) : null
}

export type UploadedContractVerification = {
  report: VerificationReport
  /** The contract the PDF names, when the market has it. */
  contractId: number | null
  anchors: number
}

/** Throws the limiter's E_TOO_MANY_REQUESTS (429 with Retry-After) past the address's budget. */
export async function verifyUploadedContract(
  path: string,
  ip: string
): Promise<UploadedContractVerification> {
  await limiter
    .use({ requests: VERIFICATIONS_PER_MINUTE, duration: '1 min' })
    .consume(`contract-verify:ip:${ip}`)
  const bytes = new Uint8Array(await readFile(path))
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') refuse('pdf')
  const text = Buffer.from(bytes).toString('latin1')
  const signatures = text.match(/\/ByteRange\s*\[/g)?.length ?? 0
  if (signatures > MAX_SIGNATURES) refuse('tooManySignatures')
  const record = await contractOfRecordById(namedContractId(text))
  const [trustAnchors, tsaTrustAnchors, crls] = await Promise.all([
    marketTrustAnchors(),
    marketTsaTrustAnchors(),
    marketCrls(),
  ])
  let timer: NodeJS.Timeout | undefined
  const timeLimit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('time limit')), VERIFY_TIME_LIMIT_MS)
  })
  try {
    const report = await Promise.race([
      verifyContractPdf(bytes, {
        trustAnchors,
        tsaTrustAnchors,
        crls,
        ...(record ? { contractOfRecord: record } : {}),
      }),
      timeLimit,
    ])
    return { report, contractId: record?.contractId ?? null, anchors: trustAnchors.length }
  } catch (error) {
    if ((error as Error).message === 'time limit') refuse('tooSlow')
    throw error
  } finally {
    clearTimeout(timer)
  }
}
