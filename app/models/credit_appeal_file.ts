import { CreditAppealFileSchema } from '#database/schema'

/** Evidence of a credit repair application (PDF, JPEG or PNG): the correction made, obligations fulfilled. */
export default class CreditAppealFile extends CreditAppealFileSchema {}
