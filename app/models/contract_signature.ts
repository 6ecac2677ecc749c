import { ContractSignatureSchema } from '#database/schema'
import type { SignatureLevel } from '#domain/rules'

/** A party's electronic signature of one revision of a contract's text (电子签名). */
export default class ContractSignature extends ContractSignatureSchema {
  declare level: SignatureLevel
}
