import vine from '@vinejs/vine'
import { TEST_PAYMENT_METHODS } from '#services/stripe'

/** The development confirm step: which Stripe test card the server confirms with. */
export const testConfirmationValidator = vine.create({
  paymentMethod: vine.enum(TEST_PAYMENT_METHODS),
})
