import { ProjectAttachmentSchema } from '#database/schema'

/** A document published with a project's announcement. */
export default class ProjectAttachment extends ProjectAttachmentSchema {}
