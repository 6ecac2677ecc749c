/*
 * The market CA is loaded when the server starts, so a production server
 * without its key and certificate (PKI_CA_KEY_FILE, PKI_CA_CERT_FILE), or
 * with a key that does not match the certificate, refuses to start instead of
 * failing at the first enrolment. Elsewhere this generates the development CA
 * into tmp/pki/ on the first start.
 */
import app from '@adonisjs/core/services/app'
import { marketCa } from '#services/pki/market_ca'

if (app.getMode() === 'run') {
  await marketCa()
}
