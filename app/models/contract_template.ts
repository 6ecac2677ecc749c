import { ContractTemplateSchema } from '#database/schema'

/** A version of a model contract (示范合同) published by regulators. */
export default class ContractTemplate extends ContractTemplateSchema {}
