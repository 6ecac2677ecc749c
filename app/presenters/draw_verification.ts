import type { I18n } from '@adonisjs/i18n'
import { DRAW_PENDING_REASONS } from '#domain/verifiable_draw'
import type { InspectionProof } from '#domain/inspection_draw'

/*
 * What the browser's draw verification (the draw-verification island,
 * resources/js/draw_v1.ts) is given: its labels in the visitor's language,
 * and — for an inspection plan — the plan's proof in the shape the browser
 * verifier reads (ids as text, no bids: drawSeed = SHA-256("{seed}|")).
 */
export const VERIFY_LABELS = [
  'verdictChecking',
  'verdictValid',
  'verdictInvalid',
  'verdictPending',
  'verdictUnsupported',
  'verdictError',
  'serverDisagrees',
  'tableCaption',
  'columnCheck',
  'columnResult',
  'columnExpected',
  'columnActual',
  'resultOk',
  'resultFail',
  'checkCommitment',
  'checkReceipt',
  'checkDrawSeed',
  'checkDraw',
  'purposeWinner',
  'purposeBase',
  'purposeShortlist',
  'detailAgency',
  'detailQuoteFen',
  'detailReceiptCount',
  'detailCandidates',
  'detailK',
  'otherSummary',
  'otherHelp',
  'otherInput',
  'otherSubmit',
  'otherInvalidJson',
  'otherInvalidShape',
]

/** Every text of the island, from the translations, in the visitor's language. */
export function drawVerificationLabels(i18n: I18n): Record<string, string> {
  return Object.fromEntries([
    ...VERIFY_LABELS.map((key) => [key, i18n.t(`messages.verify.labels.${key}`)]),
    ['pendingTitle', i18n.t('messages.verify.pendingTitle')],
    ...DRAW_PENDING_REASONS.map((reason) => [
      `pending.${reason}`,
      i18n.t(`messages.verify.pending.${reason}`),
    ]),
  ])
}

/** The proof the browser verifier reads (DrawProofV1 in resources/js/draw_v1.ts). */
export type BrowserProof = {
  valid: boolean
  commitment: string
  seed: string
  drawSeed: string
  algorithm: string
  projectCode: string
  candidates: string[]
  picks: string[]
  bids: []
  draws: { purpose: string; candidates: string[]; picks: string[] }[]
}

/**
 * An inspection plan's proof for the browser verifier: every draw (one per
 * risk class, or the uniform agency draw, then the inspectors) with its
 * candidates in their published order and its picks; the browser recomputes
 * them from the seed alone.
 */
export function browserInspectionProof(planId: number, proof: InspectionProof): BrowserProof {
  const text = (ids: readonly number[]) => ids.map(String)
  return {
    valid: proof.valid,
    commitment: proof.commitment,
    seed: proof.seed,
    drawSeed: proof.drawSeed,
    algorithm: proof.algorithm,
    projectCode: `inspection-${planId}`,
    candidates: text(proof.candidates),
    picks: text(proof.picks),
    bids: [],
    draws: proof.draws.map((draw) => ({
      purpose: draw.purpose,
      candidates: text(draw.candidates),
      picks: text(draw.picks),
    })),
  }
}
