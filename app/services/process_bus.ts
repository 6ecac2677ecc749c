/*
 * The process bus: messages between the server processes of one machine
 * (bin/cluster.ts). A worker publishes to the cluster's primary over its IPC
 * channel and the primary relays the message to every other worker. A
 * process that is not a cluster worker has no siblings: publishing does
 * nothing. Delivery is best-effort and asynchronous (a few milliseconds);
 * what is sent must be plain JSON.
 *
 * Several machines share their caches through Redis instead (config/cache.ts).
 */
import cluster from 'node:cluster'

type Handler = (payload: unknown) => void
const handlers = new Map<string, Set<Handler>>()
type Envelope = { marketBus: { channel: string; payload: unknown } }

const isEnvelope = (message: unknown): message is Envelope =>
  typeof message === 'object' &&
  message !== null &&
  'marketBus' in message &&
  typeof (message as Envelope).marketBus?.channel === 'string'

let listening = false
function listen() {
  if (listening || !cluster.isWorker) return
  listening = true
  process.on('message', (message: unknown) => {
    if (!isEnvelope(message)) return
    for (const handler of handlers.get(message.marketBus.channel) ?? []) {
      handler(message.marketBus.payload)
    }
  })
}

/** True when this process has sibling server processes to tell. */
export function hasSiblings() {
  return cluster.isWorker && typeof process.send === 'function'
}

/** Sends `payload` to the other server processes of this machine (none: nothing happens). */
export function publishToSiblings(channel: string, payload: unknown) {
  if (!hasSiblings() || !process.connected) return
  process.send!({ marketBus: { channel, payload } } satisfies Envelope)
}

/** Calls `handler` with what the other server processes publish on `channel`. */
export function onSiblingMessage(channel: string, handler: Handler) {
  listen()
  const set = handlers.get(channel) ?? new Set<Handler>()
  set.add(handler)
  handlers.set(channel, set)
  return () => set.delete(handler)
}
