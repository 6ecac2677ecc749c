import { readFile } from 'node:fs/promises'
import { createPublicKey } from 'node:crypto'
import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { verifyArchive, type ArchiveProblem } from '#domain/project_archive'

/**
 * `node ace archive:verify FILE.zip [--key seal.pem]` — checks a sealed
 * project archive offline: both signatures of its manifest against the seal's
 * public key (the file given, or this installation's seal), then every file
 * against the manifest. Names each changed, missing or extra file and a bad
 * signature, and checks the timestamp token over the manifest (manifest.tsr)
 * against the TSA certificate; exits with 1 when anything is wrong.
 */
export default class ArchiveVerify extends BaseCommand {
  static commandName = 'archive:verify'
  static description = 'Verify a sealed project archive (ZIP) offline against the seal public key'

  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The archive (ZIP) to verify' })
  declare file: string

  @flags.string({ description: "The seal's public key (PEM); by default this installation's seal" })
  declare key?: string

  @flags.string({
    description: "The time-stamping authority's certificate (PEM); by default this installation's",
  })
  declare tsa?: string

  async run() {
    let publicKey
    if (this.key) {
      publicKey = createPublicKey(await readFile(this.key))
    } else {
      const { archiveSeal } = await import('#services/archive_seal')
      publicKey = archiveSeal().publicKey
    }
    const { manifest, problems, manifestBytes, timestampToken } = verifyArchive(
      new Uint8Array(await readFile(this.file)),
      publicKey
    )
    const timestamp =
      manifestBytes && timestampToken
        ? await this.checkTimestamp(timestampToken, manifestBytes)
        : null
    if (problems.length === 0 && timestamp !== false) {
      this.logger.success(
        `Archive intact: ${manifest!.project.code} round ${manifest!.project.round}, ${manifest!.files.length} files, sealed ${manifest!.sealedAt}`
      )
      if (!timestampToken) this.logger.warning('No timestamp token (manifest.tsr) in the archive')
      return
    }
    for (const problem of problems) this.logger.error(describe(problem))
    this.exitCode = 1
  }

  /**
   * manifest.tsr: an RFC 3161 token over manifest.json, by a TSA whose
   * certificate is trusted (the file given with --tsa, or this installation's
   * development TSA). False (and said) when it does not hold.
   */
  private async checkTimestamp(token: Uint8Array, manifestBytes: Uint8Array) {
    const { checkTimestampToken } = await import('#services/pades/timestamp')
    const { certificatesFromPem, marketTsaTrustAnchors } =
      await import('#services/pades/trust_anchors')
    const check = await checkTimestampToken(token, manifestBytes)
    if (!check.coversSignature || !check.tokenSignatureValid || !check.timeStampingCertificate) {
      this.logger.error(
        'Bad timestamp: manifest.tsr does not cover manifest.json or does not verify'
      )
      return false
    }
    const anchors = this.tsa
      ? certificatesFromPem(await readFile(this.tsa, 'utf8'))
      : await marketTsaTrustAnchors()
    const trusted = anchors.some(
      (anchor) =>
        check.tsaCertificate !== null &&
        Buffer.compare(Buffer.from(anchor), Buffer.from(check.tsaCertificate)) === 0
    )
    if (!trusted) {
      this.logger.error('Untrusted timestamp: the TSA certificate is not the one given (--tsa)')
      return false
    }
    this.logger.info(`Timestamped ${check.time?.toISOString()} (RFC 3161, manifest.tsr)`)
    return true
  }
}

function describe(problem: ArchiveProblem) {
  switch (problem.kind) {
    case 'unreadable':
      return `Not a readable archive (${problem.reason})`
    case 'noManifest':
      return 'No manifest.json in the archive'
    case 'badManifest':
      return 'manifest.json is not a market archive manifest'
    case 'badSignature':
      return `Bad signature: ${problem.file} does not sign manifest.json with this key`
    case 'changed':
      return `Changed: ${problem.path}`
    case 'missing':
      return `Missing: ${problem.path}`
    case 'extra':
      return `Extra (not in the manifest): ${problem.path}`
  }
}
