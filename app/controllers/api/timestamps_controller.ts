import type { HttpContext } from '@adonisjs/core/http'
import { answerTimestampQuery, DevelopmentTsaRefused } from '#services/pades/tsa_service'

const MAX_QUERY_BYTES = 16 * 1024

/** The market's development time-stamping authority (RFC 3161 over HTTP). */
export default class TimestampsController {
  /**
   * POST /api/v1/pki/tsa (application/timestamp-query) → application/timestamp-reply.
   * 404 where the development TSA is off (production without TSA_DEV_DIR).
   */
  async store({ request, response }: HttpContext) {
    if (request.header('content-type')?.split(';')[0].trim() !== 'application/timestamp-query') {
      return response.status(415).send({
        errors: [
          {
            code: 'E_UNSUPPORTED_MEDIA_TYPE',
            message: 'Send an RFC 3161 TimeStampReq as application/timestamp-query',
          },
        ],
      })
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of request.request as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_QUERY_BYTES) {
        return response.status(413).send({
          errors: [
            { code: 'E_REQUEST_ENTITY_TOO_LARGE', message: 'A time-stamp query is at most 16 KB' },
          ],
        })
      }
      chunks.push(chunk)
    }
    try {
      const reply = await answerTimestampQuery(new Uint8Array(Buffer.concat(chunks)))
      response.header('content-type', 'application/timestamp-reply')
      return response.send(Buffer.from(reply))
    } catch (error) {
      if (error instanceof DevelopmentTsaRefused) {
        return response
          .status(404)
          .send({ errors: [{ code: 'E_ROUTE_NOT_FOUND', message: error.message }] })
      }
      throw error
    }
  }
}
