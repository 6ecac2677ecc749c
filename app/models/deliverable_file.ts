import { DeliverableFileSchema } from '#database/schema'

/** A file of a deliverable, with the text extracted for the report-similarity analysis. */
export default class DeliverableFile extends DeliverableFileSchema {}
