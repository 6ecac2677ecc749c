import { ServingOfficialListSchema } from '#database/schema'

/** A list of serving officials' ID hashes a regulator loaded; the latest is in force. */
export default class ServingOfficialList extends ServingOfficialListSchema {}
