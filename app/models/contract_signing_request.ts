import { ContractSigningRequestSchema } from '#database/schema'

/** What the market prepared for a signer's key to sign: checked against the signature posted. */
export default class ContractSigningRequest extends ContractSigningRequestSchema {}
