import { InspectionRecusalSchema } from '#database/schema'

/** 回避申报: an inspector declared related to an agency is never drawn for a plan that draws it. */
export default class InspectionRecusal extends InspectionRecusalSchema {}
