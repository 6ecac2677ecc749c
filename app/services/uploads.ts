import { randomUUID } from 'node:crypto'
import type { MultipartFile } from '@adonisjs/core/bodyparser'

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
