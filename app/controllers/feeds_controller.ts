import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import { announcementFeedValidator } from '#validators/open_data'
import { announcementFeed } from '#queries/announcement_feed'
import { ATOM_CONTENT_TYPE, renderAtomFeed } from '#domain/atom'

/** Feeds for readers and alert services instead of scrapers (SPEC "Public portal and open data"). */
export default class FeedsController {
  /** GET /feeds/announcements.atom?item=&region= — Atom 1.0: announcements, results, contract notices, cancellations. */
  async announcements({ request, response }: HttpContext) {
    try {
      const filters = await request.validateUsing(announcementFeedValidator, {
        data: request.qs(),
      })
      response.header('Content-Type', ATOM_CONTENT_TYPE)
      return renderAtomFeed(await announcementFeed(filters))
    } catch (error) {
      // A feed reader gets a plain answer, not the form redirect pages use.
      if (error instanceof errors.E_VALIDATION_ERROR) {
        const messages = (error.messages as { message: string }[]).map((entry) => entry.message)
        return response
          .status(422)
          .header('Content-Type', 'text/plain; charset=utf-8')
          .send(messages.join('\n'))
      }
      throw error
    }
  }
}
