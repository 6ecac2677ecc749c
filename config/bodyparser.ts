import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '1mb',
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
    limit: '1mb',
  },
  /**
   * Multipart bodies are never read here, before authentication: the routes
   * that take files read them with the `uploads` middleware (its limits per
   * route in start/routes/uploads.ts), and every other route refuses them with 415
   * (app/middleware/multipart_gate_middleware.ts).
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '1mb',
    maxFields: 100,
    fieldsLimit: '1mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
