/**
 * The team hub as a Fastify app: `createHub` opens (or takes) the database, applies the
 * migrations, and returns the app with its scheduler and stream fan-out. `close` stops taking
 * requests, ends streams, waits for the scheduler and closes what it opened.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { HUB_API_VERSION, type HubError } from '../../lib/hub/protocol';
import type { HubContext } from './context';
import { openDatabase, type Database } from './db';
import { authenticate, bearer, errorBody, hashToken, HubHttpError } from './http';
import { migrate } from './migrate';
import { measureUnsettled } from './store';
import { ingestRoutes } from './routes/ingest';
import { joinRoutes } from './routes/join';
import { readRoutes } from './routes/read';
import { streamRoutes } from './routes/stream';
import { tokenRoutes } from './routes/tokens';
import { startScheduler, type Scheduler } from './scheduler';
import { StreamHub } from './stream';

export const HUB_VERSION = '0.1.0';

export interface HubOptions {
  /** `postgres://…` selects a PostgreSQL server; else PGlite in `dataDir` (in memory without one). */
  databaseUrl?: string;
  dataDir?: string;
  /** An open database to share (tests, several apps on one PGlite); the hub does not close it. */
  database?: Database;
  /** The first admin's token (REPLYLINE_HUB_ADMIN_TOKEN); stored nowhere, compared by hash. */
  adminToken?: string;
  /** Base URL invites point to (e.g. https://hub.example.com); default: the request's own host. */
  publicUrl?: string;
  now?: () => number;
  /** Fastify logger option; default: JSON logs at info level. */
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 10 MiB). */
  bodyLimit?: number;
  /** Requests per token (or per address without one) per window (default 1200 per minute). */
  rateLimit?: { max: number; windowMs: number };
  /** An observation keeps a queue row's status known this long (default 2 hours). */
  freshnessMs?: number;
  /** Scheduler tick (default 1000 ms); 0 turns the scheduler off in this process. */
  schedulerIntervalMs?: number;
  /** Behind a reverse proxy: trust X-Forwarded-* (for addresses and invite URLs). */
  trustProxy?: boolean;
}

export interface Hub {
  app: FastifyInstance;
  database: Database;
  scheduler: Scheduler | null;
  streams: StreamHub;
  /** Starts listening; returns the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Browser extensions only: a helpdesk page or any website gets no CORS access. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9_-]+$/;

export async function createHub(options: HubOptions = {}): Promise<Hub> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }));
  try {
    await migrate(database.db as never);
    // Conversations stored before the report kept its inputs (migration 003) are measured once.
    await measureUnsettled(database.db, (options.now ?? Date.now)());
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const now = options.now ?? Date.now;
  const freshnessMs = options.freshnessMs ?? 2 * 60 * 60 * 1000;
  const adminTokenHash = options.adminToken ? hashToken(options.adminToken) : null;

  const app = Fastify({
    logger: options.logger ?? { level: 'info', redact: ['req.headers.authorization'] },
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Graceful shutdown: close() waits for requests in flight, then ends idle keep-alive sockets.
    forceCloseConnections: 'idle',
  });
  const streams = new StreamHub(database, now, freshnessMs, (error) => app.log.error({ err: error }, 'stream fan-out failed'));
  const ctx: HubContext = {
    database,
    now,
    freshnessMs,
    authenticate: (request) => authenticate(request, database, adminTokenHash),
    streams,
    publicUrl: (request) => options.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`,
  };

  // Bodies are kept as text: routes parse them so a syntax error names its line and column.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | HubHttpError, request, reply) => {
    if (error instanceof HubHttpError) return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.path));
    const status = error.statusCode ?? 500;
    if (status === 413)
      return reply.code(413).send(errorBody('body_too_large', `the body is over the hub's limit of ${app.initialConfig.bodyLimit} bytes`));
    if (status === 429) return reply.code(429).send(errorBody('rate_limited', error.message));
    if (status === 415) return reply.code(415).send(errorBody('unsupported_media_type', 'send JSON with Content-Type: application/json'));
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody('bad_request', error.message));
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'the hub could not handle this request; see its log'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && EXTENSION_ORIGIN.test(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: options.rateLimit?.max ?? 1200,
    timeWindow: options.rateLimit?.windowMs ?? 60_000,
    // Per token (its hash: the token itself is never kept), else per address.
    keyGenerator: (request) => {
      const token = bearer(request);
      return token ? `t:${hashToken(token)}` : `ip:${request.ip}`;
    },
    allowList: (request) => request.url === '/v1/health',
    errorResponseBuilder: (_request, context) =>
      new HubHttpError(429, 'rate_limited', `over ${context.max} requests per ${context.after}; retry after ${context.after}`),
  });

  app.get('/v1/health', () => ({ ok: true, engine: database.kind, version: `${HUB_API_VERSION}/${HUB_VERSION}` }));
  joinRoutes(app);
  tokenRoutes(app, ctx);
  ingestRoutes(app, ctx);
  readRoutes(app, ctx);
  streamRoutes(app, ctx);

  await streams.start();
  const schedulerIntervalMs = options.schedulerIntervalMs ?? 1000;
  const scheduler = schedulerIntervalMs > 0 ? startScheduler(database, now, freshnessMs, schedulerIntervalMs, app.log) : null;

  let closed = false;
  return {
    app,
    database,
    scheduler,
    streams,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await scheduler?.stop();
      await streams.close();
      await app.close();
      if (ownsDatabase) await database.close();
    },
  };
}

export type { HubError };
