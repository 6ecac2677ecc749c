import { ServiceItemVersionSchema } from '#database/schema'

/** One published state of a catalog item, with the reason for the change. */
export default class ServiceItemVersion extends ServiceItemVersionSchema {}
