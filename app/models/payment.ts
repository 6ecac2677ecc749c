import { PaymentSchema } from '#database/schema'

/** A Stripe PaymentIntent paying one milestone. */
export default class Payment extends PaymentSchema {}
