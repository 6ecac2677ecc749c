import { InspectionInspectorSchema } from '#database/schema'

/** A regulator drawn to inspect for a plan (执法检查人员). */
export default class InspectionInspector extends InspectionInspectorSchema {}
