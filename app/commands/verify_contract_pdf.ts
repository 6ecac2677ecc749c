import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { readFile } from 'node:fs/promises'

/**
 * `node ace contract:verify FILE.pdf [--ca ca.pem] [--crl crl.pem]` — checks
 * every signature of a signed contract PDF offline (with the files given, or
 * the market's own CA certificate and CRL) and prints the results;
 * exits with 1 when anything fails (or nothing is signed).
 */
export default class VerifyContractPdf extends BaseCommand {
  static commandName = 'contract:verify'
  static description = 'Verify the signatures of a contract PDF (PAdES), offline'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The signed PDF' })
  declare file: string

  @flags.array({
    description: 'Trust anchor certificates (PEM; repeatable). Default: the market’s',
  })
  declare ca: string[]

  @flags.array({ description: 'CRLs (DER or PEM; repeatable) to check revocation at signing time' })
  declare crl: string[]

  @flags.boolean({ description: 'Print the report as JSON' })
  declare json: boolean

  async run() {
    const { verifyContractPdf } = await import('#services/pades/verify_pdf')
    const { certificatesFromPem, marketCrls, marketTrustAnchors, marketTsaTrustAnchors } =
      await import('#services/pades/trust_anchors')
    const { reportLines } = await import('#services/pades/report_text')
    const bytes = new Uint8Array(await readFile(this.file))
    const pems = await Promise.all((this.ca ?? []).map((path) => readFile(path, 'utf8')))
    const anchors = pems.length ? pems.flatMap(certificatesFromPem) : await marketTrustAnchors()
    const crls = await Promise.all(
      (this.crl ?? []).map(async (path) => {
        const data = await readFile(path)
        const text = data.toString('latin1')
        const pem = text.match(/-----BEGIN X509 CRL-----([^-]+)-----END X509 CRL-----/)
        return new Uint8Array(pem ? Buffer.from(pem[1].replace(/\s/g, ''), 'base64') : data)
      })
    )
    // Without files given, the market's own CA and its current CRL (from this installation's
    // database; offline without one, pass --crl with the file GET /api/v1/pki/crl gives).
    if (crls.length === 0 && pems.length === 0) {
      try {
        crls.push(...(await marketCrls()))
      } catch {
        this.logger.warning('No CRL: revocation not checked (give one with --crl)')
      }
    }
    const report = await verifyContractPdf(bytes, {
      trustAnchors: anchors,
      crls,
      tsaTrustAnchors: await marketTsaTrustAnchors(),
    })
    if (this.json) this.logger.log(JSON.stringify(report, null, 2))
    else for (const line of reportLines(report)) this.logger.log(line)
    if (!report.valid) this.exitCode = 1
  }
}
