import { InspectionFileSchema } from '#database/schema'

/** Evidence of an inspection result (检查记录、整改通知…): PDF, JPEG or PNG. */
export default class InspectionFile extends InspectionFileSchema {}
