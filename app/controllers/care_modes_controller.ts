import type { HttpContext } from '@adonisjs/core/http'
import { CARE_MODE_COOKIE } from '#services/display_preferences'

export default class CareModesController {
  /**
   * Turns the elder-friendly display (larger type, higher contrast, underlined
   * links) on or off for a year, then goes back; works without JavaScript.
   */
  async update({ request, response }: HttpContext) {
    if (request.input('care') === 'on') {
      response.plainCookie(CARE_MODE_COOKIE, 'on', { maxAge: '1y', httpOnly: true })
    } else {
      response.clearCookie(CARE_MODE_COOKIE)
    }
    return response.redirect().back()
  }
}
