import env from '#start/env'

/**
 * Complaint filings (投诉举报) per hour: per signed-in user, otherwise per
 * client IP address (forms and API). An account is established once it is
 * `establishedAccountDays` old and its organisation has a track record in the
 * market (a contract signed, or a qualification verified by a regulator);
 * until then its filings also count against its address's budget (shared
 * with the public there) and against one market-wide hourly budget of all new
 * accounts together, so fresh accounts cannot multiply a budget. 0 turns a
 * limit off. Read at every filing, so tests may change it for a moment.
 */
const complaintsConfig = {
  filingsPerHour: env.get('COMPLAINT_FILINGS_PER_HOUR', 10),
  establishedAccountDays: env.get('COMPLAINT_ESTABLISHED_ACCOUNT_DAYS', 14),
  newAccountFilingsPerHour: env.get('COMPLAINT_NEW_ACCOUNT_FILINGS_PER_HOUR', 30),
}

export default complaintsConfig
