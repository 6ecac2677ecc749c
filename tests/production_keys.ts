/*
 * A production server refuses to start without the operator's keys: the
 * market CA's key and certificate and the archive seal's key. A test that
 * starts one in production mode gives it this test process's development
 * keys (generated under tmp/ on first use) in their place.
 */
import { caFiles, marketCa } from '#services/pki/market_ca'
import { archiveSeal, developmentKeyPath } from '#services/archive_seal'

export async function productionKeyFiles(): Promise<Record<string, string>> {
  await marketCa()
  archiveSeal()
  const { keyFile, certFile } = caFiles()
  return {
    PKI_CA_KEY_FILE: keyFile,
    PKI_CA_CERT_FILE: certFile,
    ARCHIVE_SEAL_KEY_FILE: developmentKeyPath(),
  }
}
