import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Uploaded files (qualification scans, later deliverables). Local disk by
 * default; an S3-compatible bucket when several instances must share files.
 * Files are never served directly: controllers stream them to allowed users.
 */
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK', 'fs'),
  services: {
    fs: services.fs({
      location: app.makePath(env.get('DRIVE_ROOT', 'tmp/storage')),
      serveFiles: false,
      visibility: 'private',
    }),
    s3: services.s3({
      credentials: {
        accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
        secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
      },
      region: env.get('S3_REGION', 'us-east-1'),
      bucket: env.get('S3_BUCKET', 'intermediary-market'),
      endpoint: env.get('S3_ENDPOINT'),
      forcePathStyle: true,
      // Checksums only where S3 requires them: the SDK's default streams uploads
      // "aws-chunked" with trailing checksums, which S3-compatible stores (MinIO
      // releases, OSS, COS, s3rver in the tests) keep as part of the file.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
