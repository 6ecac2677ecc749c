import { QualificationCheckSchema } from '#database/schema'

/** A regulator's spot check of a qualification — kept as evidence for credit. */
export default class QualificationCheck extends QualificationCheckSchema {
  declare outcome: 'verified' | 'false'
}
