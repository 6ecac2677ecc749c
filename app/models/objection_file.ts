import { ObjectionFileSchema } from '#database/schema'

/** Evidence attached to an objection (PDF, JPEG or PNG), streamed to the owner, the objector and regulators. */
export default class ObjectionFile extends ObjectionFileSchema {}
