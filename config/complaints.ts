import env from '#start/env'

/**
 * Complaint filings (投诉举报) per hour: per signed-in user, otherwise per
 * client IP address (forms and API alike). 0 turns the limit off. Read at
 * every filing, so tests may change it for a moment.
 */
const complaintsConfig = {
  filingsPerHour: env.get('COMPLAINT_FILINGS_PER_HOUR', 10),
}

export default complaintsConfig
