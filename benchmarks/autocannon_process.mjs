/*
 * The load generator of `npm run bench` in a process of its own (so that
 * neither the server nor the bench process shares its event loop): reads
 * one JSON line of settings from its argument, runs autocannon (a warm-up,
 * then the measured run) and prints one JSON line of results.
 * Plain JavaScript: it runs without the TypeScript loader.
 */
import autocannon from 'autocannon'

const { url, connections, seconds, warmupSeconds, headers } = JSON.parse(process.argv[2])
if (warmupSeconds > 0) await autocannon({ url, connections, duration: warmupSeconds, headers })
const result = await autocannon({ url, connections, duration: seconds, headers })
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  })}\n`
)
