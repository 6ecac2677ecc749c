import { ContractDocumentSchema } from '#database/schema'

/** A signed state of a contract revision's PDF (after one party's signature, after both). */
export default class ContractDocument extends ContractDocumentSchema {}
