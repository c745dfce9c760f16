/** What every route of one hub process shares. */
import type { FastifyRequest } from 'fastify';
import type { Database } from './db';
import type { Principal } from './http';
import type { StreamHub } from './stream';

export interface HubContext {
  database: Database;
  /** The hub's clock (tests and the scheduler use the same one). */
  now: () => number;
  /** How long an observation keeps a queue row's status known. */
  freshnessMs: number;
  authenticate: (request: FastifyRequest) => Promise<Principal>;
  streams: StreamHub;
  /** The hub's public base URL, for invites (`--public-url`, else the request's host). */
  publicUrl: (request: FastifyRequest) => string;
}
