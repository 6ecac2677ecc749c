import { InspectionListEntrySchema } from '#database/schema'

/** 抽查事项清单: one entry of a service item's inspection list (what is checked, legal basis). */
export default class InspectionListEntry extends InspectionListEntrySchema {}
