import type { HttpContext } from '@adonisjs/core/http'
import { crlOfMarketCa, marketCaPem } from '#queries/certificate_revocations'

/** The market CA's public face: its certificate and its revocation list. */
export default class PkiController {
  /** GET /api/v1/pki/ca.pem: the CA certificate (PEM), the trust anchor of every signer's certificate. */
  async caCertificate({ response }: HttpContext) {
    response.header('content-type', 'application/x-pem-file')
    response.header('cache-control', 'public, max-age=3600')
    return marketCaPem()
  }

  /** GET /api/v1/pki/crl: the CRL in DER (application/pkix-crl, RFC 2585), signed now, good for a day. */
  async crl({ response }: HttpContext) {
    const crl = await crlOfMarketCa()
    response.header('content-type', 'application/pkix-crl')
    response.header('content-disposition', 'attachment; filename="market-ca.crl"')
    response.header('cache-control', 'public, max-age=300')
    return response.send(Buffer.from(crl.rawData))
  }
}
