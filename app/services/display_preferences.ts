/** The cookie remembering the elder-friendly display (适老化/无障碍模式): 'on' or absent. */
export const CARE_MODE_COOKIE = 'care_mode'
