import { Worker } from 'node:worker_threads'
import logger from '@adonisjs/core/services/logger'
import type { ExtractionAnswer, ExtractionRequest } from '#services/text_extraction_worker'

/** Text longer than this is cut (a 50 MB report's words fit many times over). */
const MAX_TEXT_CHARACTERS = 2_000_000

/**
 * What one extraction may use: its own worker thread with a capped heap, a
 * time limit after which it is stopped, and at most two at a time (a queue
 * forms behind them), so hostile documents cannot exhaust the server.
 */
export const EXTRACTION_LIMITS = {
  heapMb: 256,
  timeoutMs: 30_000,
  concurrent: 2,
}

/** A DOCX whose parts inflate to more than their archive declares (a disguised bomb). */
export class ArchiveBombError extends Error {
  constructor() {
    super('The archive inflates to more than it declares')
  }
}

/**
 * In development and tests the app runs from TypeScript through a loader
 * that worker threads do not inherit: the worker registers it itself.
 */
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './text_extraction_worker.ts' : './text_extraction_worker.js',
  import.meta.url
)
const workerExecArgv = import.meta.url.endsWith('.ts') ? ['--import', '@poppinss/ts-exec'] : []

let running = 0
const waiting: (() => void)[] = []

async function slot() {
  if (running < EXTRACTION_LIMITS.concurrent) {
    running++
    return
  }
  await new Promise<void>((resolve) => waiting.push(resolve))
}

function release() {
  const next = waiting.shift()
  if (next) next()
  else running--
}

function runWorker(request: ExtractionRequest): Promise<ExtractionAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl, {
      workerData: request,
      execArgv: workerExecArgv,
      resourceLimits: {
        maxOldGenerationSizeMb: EXTRACTION_LIMITS.heapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    })
    let settled = false
    const settle = (answer: ExtractionAnswer, problem?: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (problem) logger.warn({ mime: request.mime, problem }, 'text extraction stopped')
      void worker.terminate()
      resolve(answer)
    }
    const timer = setTimeout(
      () => settle({ text: '' }, 'time limit reached'),
      EXTRACTION_LIMITS.timeoutMs
    )
    worker.once('message', (answer: ExtractionAnswer) => settle(answer))
    worker.once('error', (error) => settle({ text: '' }, error.message))
    worker.once('exit', (code) => settle({ text: '' }, `worker exited with code ${code}`))
  })
}

/**
 * The plain text of a deliverable, kept for the report-similarity analysis
 * (中介文本对比分析): PDF through PDF.js (unpdf), DOCX through mammoth, TXT as
 * UTF-8, read in a worker thread (text_extraction_worker.ts) under a heap and
 * a time limit — never on the request thread. A file whose text cannot be
 * read (a scanned PDF, a damaged file, one that exceeds the limits) gives an
 * empty text rather than refusing the delivery; a DOCX that inflates past
 * what it declares is refused (ArchiveBombError).
 */
export async function extractText(path: string, mime: string): Promise<string> {
  await slot()
  try {
    const answer = await runWorker({ path, mime, maxCharacters: MAX_TEXT_CHARACTERS })
    if ('refused' in answer) throw new ArchiveBombError()
    return answer.text
  } finally {
    release()
  }
}
