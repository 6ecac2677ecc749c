import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'

/**
 * Where uploads wait while their request is handled: a folder of their own
 * in the OS temporary folder (TMPDIR), emptied by the uploads middleware
 * whatever the outcome of each request.
 */
export function uploadTmpFolder() {
  return join(tmpdir(), 'market-uploads')
}

/** The name of the route middleware that reads multipart bodies (start/kernel.ts). */
const UPLOADS_MIDDLEWARE = 'uploads'

const routesTakingFiles = new WeakMap<object, boolean>()

/**
 * Whether the matched route takes files, i.e. declares the `uploads`
 * middleware (start/routes/uploads.ts). Every other route refuses multipart bodies.
 */
export function takesFiles(route: HttpContext['route']) {
  if (!route) return false
  let known = routesTakingFiles.get(route)
  if (known === undefined) {
    known = [...route.middleware.all()].some(
      (entry) => typeof entry === 'object' && 'name' in entry && entry.name === UPLOADS_MIDDLEWARE
    )
    routesTakingFiles.set(route, known)
  }
  return known
}

/**
 * Stores an upload (already checked by content in its validator) on the
 * configured disk under a random name in `folder`; the client's name is kept
 * only for display.
 */
export async function storeUpload(file: MultipartFile, folder: string) {
  const mime = String(file.meta?.detectedMime ?? '')
  const extension = String(file.meta?.detectedExt ?? 'bin')
  const key = `${folder}/${randomUUID()}.${extension}`
  await file.moveToDisk(key)
  return { key, mime, size: file.size, name: file.clientName.slice(0, 255) }
}

export type StoredUpload = Awaited<ReturnType<typeof storeUpload>>

/**
 * Evidence kept with a record: the files are stored first (outside the
 * transaction), `work` records them, and if it fails the stored files are
 * removed again, so a refused request leaves no file behind.
 */
export async function withStoredUploads<T>(
  files: MultipartFile[] | undefined,
  folder: string,
  work: (stored: StoredUpload[]) => Promise<T>
): Promise<T> {
  const stored: StoredUpload[] = []
  try {
    for (const file of files ?? []) stored.push(await storeUpload(file, folder))
    return await work(stored)
  } catch (error) {
    await Promise.allSettled(stored.map((file) => drive.use().delete(file.key)))
    throw error
  }
}

/** The columns a stored upload fills in an evidence table (file key, name, type and size). */
export function storedFileColumns(file: StoredUpload) {
  return { fileKey: file.key, fileName: file.name, fileMime: file.mime, fileSize: file.size }
}
