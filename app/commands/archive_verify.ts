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
 * signature; exits with 1 when anything is wrong.
 */
export default class ArchiveVerify extends BaseCommand {
  static commandName = 'archive:verify'
  static description = 'Verify a sealed project archive (ZIP) offline against the seal public key'

  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The archive (ZIP) to verify' })
  declare file: string

  @flags.string({ description: "The seal's public key (PEM); by default this installation's seal" })
  declare key?: string

  async run() {
    let publicKey
    if (this.key) {
      publicKey = createPublicKey(await readFile(this.key))
    } else {
      const { archiveSeal } = await import('#services/archive_seal')
      publicKey = archiveSeal().publicKey
    }
    const { manifest, problems } = verifyArchive(
      new Uint8Array(await readFile(this.file)),
      publicKey
    )
    if (problems.length === 0) {
      this.logger.success(
        `Archive intact: ${manifest!.project.code} round ${manifest!.project.round}, ${manifest!.files.length} files, sealed ${manifest!.sealedAt}`
      )
      return
    }
    for (const problem of problems) this.logger.error(describe(problem))
    this.exitCode = 1
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
