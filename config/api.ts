import env from '#start/env'

/**
 * The JSON API's request budget per minute: per bearer token when a valid one
 * is sent, otherwise per client IP address. 0 turns a limit off. Read on every
 * request, so tests may lower them for a moment.
 */
const apiConfig = {
  rateLimit: {
    perTokenPerMinute: env.get('API_RATE_LIMIT_PER_TOKEN', 600),
    perIpPerMinute: env.get('API_RATE_LIMIT_PER_IP', 120),
  },
}

export default apiConfig
