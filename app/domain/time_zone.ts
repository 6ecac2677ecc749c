/** Times are stored in UTC and shown, and counted in days, in Beijing time. */
export const DISPLAY_ZONE = 'Asia/Shanghai'
