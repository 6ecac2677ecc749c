/*
 * Signing keys kept in this browser (IndexedDB). The private key is a
 * WebCrypto CryptoKey generated with `extractable: false`: IndexedDB stores
 * the key object itself, and no script — ours included — can ever read its
 * bytes; it can only ask the browser to sign with it (电子签名法 Art. 13: the
 * signature-creation data under the signer's sole control).
 */
export type StoredSigningKey = {
  /** SHA-256 of the SubjectPublicKeyInfo, in hex: how the server names the key. */
  publicKeySha256: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  createdAt: string
  /** `pending` until the page lists its certificate (an enrolment refused leaves it pending). */
  status: 'pending' | 'enrolled'
}

/** A pending key whose certificate never appeared is dropped after this long. */
const PENDING_MS = 10 * 60_000

const DATABASE = 'market-signing-keys'
const STORE = 'keys'

export const SIGNING_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1)
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'publicKeySha256' })
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) {
  return openDatabase().then(
    (database) =>
      new Promise<T>((resolve, reject) => {
        const transaction = database.transaction(STORE, mode)
        const request = work(transaction.objectStore(STORE))
        transaction.oncomplete = () => {
          database.close()
          resolve(request.result)
        }
        transaction.onerror = () => reject(transaction.error)
      })
  )
}

/** Whether this browser can hold a key that never leaves it. */
export function canHoldKeys() {
  return typeof indexedDB !== 'undefined' && Boolean(globalThis.crypto?.subtle)
}

export async function publicKeySha256(publicKey: CryptoKey) {
  const spki = await crypto.subtle.exportKey('spki', publicKey)
  const digest = await crypto.subtle.digest('SHA-256', spki)
  return Array.from(new Uint8Array(digest), (octet) => octet.toString(16).padStart(2, '0')).join('')
}

/** A new ECDSA P-256 key pair whose private half cannot be exported, kept in IndexedDB. */
export async function generateSigningKey(): Promise<StoredSigningKey> {
  const keys = (await crypto.subtle.generateKey(SIGNING_ALGORITHM, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const record: StoredSigningKey = {
    publicKeySha256: await publicKeySha256(keys.publicKey),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    createdAt: new Date().toISOString(),
    status: 'pending',
  }
  await inStore('readwrite', (store) => store.put(record))
  return record
}

export function storedSigningKeys() {
  return inStore<StoredSigningKey[]>('readonly', (store) => store.getAll())
}

/**
 * Marks the keys whose certificates the page lists as enrolled, and drops
 * pending keys that were never certified (a refused enrolment) once they are
 * old enough not to belong to an enrolment still on its way.
 */
export async function reconcileSigningKeys(certified: Set<string>) {
  const now = Date.now()
  for (const key of await storedSigningKeys()) {
    if (key.status === 'enrolled') continue
    if (certified.has(key.publicKeySha256)) {
      await inStore('readwrite', (store) => store.put({ ...key, status: 'enrolled' }))
    } else if (now - new Date(key.createdAt).getTime() > PENDING_MS) {
      await inStore('readwrite', (store) => store.delete(key.publicKeySha256))
    }
  }
}

/** Signs bytes with a key held here: ECDSA P-256 with SHA-256, r‖s (64 octets), as WebCrypto gives it. */
export async function signWithStoredKey(publicKeySha256: string, data: BufferSource) {
  const record = await inStore<StoredSigningKey | undefined>('readonly', (store) =>
    store.get(publicKeySha256)
  )
  if (!record) return null
  return new Uint8Array(await crypto.subtle.sign(SIGNING_ALGORITHM, record.privateKey, data))
}
