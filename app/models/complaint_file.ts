import { ComplaintFileSchema } from '#database/schema'

/** Evidence attached to a complaint (PDF, JPEG or PNG), streamed to regulators only. */
export default class ComplaintFile extends ComplaintFileSchema {}
