/*
 * Environment variables, validated at boot. Everything has a local default
 * except APP_KEY, which bin/env_defaults.ts generates into .env on first run.
 */
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum.optional(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.string.optional(),
  // /health/ready fails above this heap size (MB; warns at half). Tests raise it: their process holds the suite.
  HEALTH_HEAP_FAIL_MB: Env.schema.number.optional(),
  // How often the server performs due transitions (ms); 0 turns the scheduler off.
  SCHEDULER_INTERVAL_MS: Env.schema.number.optional(),
  // Server processes on this machine (node:cluster); default: one per core in production on MySQL, else 1
  WEB_CONCURRENCY: Env.schema.number.optional(),
  // Set by the cluster's primary for each worker: false in every worker but the one that ticks
  MARKET_WORKER_TICKS: Env.schema.boolean.optional(),
  // Outside production: the process's clock starts at this ISO instant (tests spawn servers with it)
  MARKET_CLOCK: Env.schema.string.optional(),

  /* Database: embedded SQLite by default, MySQL/MariaDB in production */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'mysql'] as const),
  SQLITE_FILE: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  DB_SOCKET_PATH: Env.schema.string.optional(),

  /* Sessions and rate limits */
  SESSION_DRIVER: Env.schema.enum.optional(['database', 'redis', 'memory', 'cookie'] as const),
  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory', 'redis'] as const),
  // The cache of public lists: this process's memory, or memory in front of Redis (default with REDIS_URL).
  CACHE_STORE: Env.schema.enum.optional(['memory', 'redis'] as const),
  // Several instances: sessions, rate limits and the list cache in Redis (redis://host:port/db).
  REDIS_URL: Env.schema.string.optional(),
  REDIS_KEY_PREFIX: Env.schema.string.optional(),
  // JSON API requests per minute: per bearer token, and per IP without one (0 = no limit)
  API_RATE_LIMIT_PER_TOKEN: Env.schema.number.optional(),
  API_RATE_LIMIT_PER_IP: Env.schema.number.optional(),
  // Complaint filings per hour: per signed-in user, per IP otherwise (0 = no limit)
  COMPLAINT_FILINGS_PER_HOUR: Env.schema.number.optional(),
  // Accounts younger than these days, or without a track record, share tighter budgets
  COMPLAINT_ESTABLISHED_ACCOUNT_DAYS: Env.schema.number.optional(),
  // Filings per hour of all such new accounts together, market-wide (0 = no limit)
  COMPLAINT_NEW_ACCOUNT_FILINGS_PER_HOUR: Env.schema.number.optional(),

  /* Demo data: seeded by `npm start` into an empty database unless false */
  SEED_DEMO: Env.schema.boolean.optional(),
  /* With the demo data, a market in motion (projects at every stage); false: catalog and accounts only */
  SEED_DEMO_MARKET: Env.schema.boolean.optional(),

  /*
   * The market's archive seal (电子档案): a PEM file with the ECDSA P-256
   * private key that signs sealed project archives. Required in production;
   * in development and tests a key is generated into tmp/seal/ on first use.
   */
  ARCHIVE_SEAL_KEY_FILE: Env.schema.string.optional(),

  /* Uploaded files: local disk (default) or an S3-compatible bucket */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  DRIVE_ROOT: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),

  /*
   * The site's identity as government sites show it in the footer (each line
   * hidden when unset): ICP filing number, 政府网站标识码, public-security
   * filing number, and the service hotline shown on the home page.
   */
  SITE_ICP_FILING: Env.schema.string.optional(),
  SITE_GOV_CODE: Env.schema.string.optional(),
  SITE_PSB_FILING: Env.schema.string.optional(),
  SITE_HOTLINE: Env.schema.string.optional(),
  SITE_OPERATOR: Env.schema.string.optional(),

  /*
   * Signed contract PDFs: the RFC 3161 time-stamping authority to ask (unset: the
   * market's development TSA, in-process; refused in production unless TSA_DEV_DIR is
   * set), where the development TSA keeps its key and certificate (default tmp/dev-tsa),
   * and a folder of PEM certificates the verification page trusts.
   */
  TSA_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  TSA_DEV_DIR: Env.schema.string.optional(),
  CONTRACT_TRUST_ANCHORS_DIR: Env.schema.string.optional(),

  /* Cache compiled templates (always in production; benchmarks turn it on too) */
  VIEW_CACHE: Env.schema.boolean.optional(),

  /* Salt for the hashes of persons' ID-card numbers (defaults to one derived from APP_KEY) */
  PERSON_ID_SALT: Env.schema.string.optional(),

  /* E-mail: SMTP when SMTP_HOST is set, otherwise messages are written to the log */
  MAIL_MAILER: Env.schema.enum.optional(['smtp', 'log'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  /*
   * Stripe: without STRIPE_API_BASE and STRIPE_SECRET_KEY, development starts
   * a local Stripe mock (on STRIPE_MOCK_PORT, default a free port) and uses test keys.
   */
  STRIPE_SECRET_KEY: Env.schema.string.optional(),
  STRIPE_WEBHOOK_SECRET: Env.schema.string.optional(),
  STRIPE_API_BASE: Env.schema.string.optional({ format: 'url', tld: false }),
  STRIPE_PAYMENT_METHOD_TYPES: Env.schema.string.optional(),
  STRIPE_MOCK_PORT: Env.schema.number.optional(),

  /*
   * Signing keys (可靠电子签名): the market CA's ECDSA P-256 key (PKCS#8 PEM)
   * and its certificate (PEM). Required in production; elsewhere a CA is
   * generated into tmp/pki/ on first use and kept.
   */
  PKI_CA_KEY_FILE: Env.schema.string.optional(),
  PKI_CA_CERT_FILE: Env.schema.string.optional(),
  /*
   * Rule parameters are overridden by RULE_<NAME> (app/domain/rules.ts); the
   * enumerated ones are checked here, so a wrong word stops the start.
   */
  RULE_MINIMUM_SIGNATURE_LEVEL: Env.schema.enum.optional(['simple', 'reliable'] as const),

  /* Open data: the registered OCDS ocid prefix (ocds-xxxxxx) and the publisher of the packages */
  OCDS_OCID_PREFIX: Env.schema.string.optional(),
  OCDS_PUBLISHER_NAME: Env.schema.string.optional(),
  OCDS_PUBLISHER_USCC: Env.schema.string.optional(),
  OCDS_LICENSE_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  OCDS_PUBLICATION_POLICY_URL: Env.schema.string.optional({ format: 'url', tld: false }),
})
