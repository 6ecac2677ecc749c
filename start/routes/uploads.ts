import { middleware } from '#start/kernel'

/**
 * The routes that take files, with what each may receive (the whole body and
 * the number of files); every other route refuses multipart bodies (415).
 * The `uploads` middleware comes last on each, after login and role checks.
 */
export const uploads = {
  /** Reports: PDF, DOCX or TXT, 50 MB each, at most 5, 120 MB together. */
  deliverables: middleware.uploads({ limit: '120mb', maxFiles: 5 }),
  /** One scan or document (PDF, JPEG, PNG) of 10 MB at most. */
  oneScan: middleware.uploads({ limit: '11mb', maxFiles: 1 }),
  /** Evidence: up to 5 scans of 10 MB at most. */
  evidence: middleware.uploads({ limit: '51mb', maxFiles: 5 }),
  /** A signed contract PDF to verify (public): 10 MB at most. */
  contractPdf: middleware.uploads({ limit: '11mb', maxFiles: 1 }),
  /** An imported list (联合惩戒): one CSV text file of 2 MB at most. */
  oneList: middleware.uploads({ limit: '3mb', maxFiles: 1 }),
  /** The hash CSV of serving officials: one file of 14 MB at most. */
  officialsList: middleware.uploads({ limit: '15mb', maxFiles: 1 }),
}
