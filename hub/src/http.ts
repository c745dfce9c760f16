/**
 * HTTP plumbing shared by the routes: the error shape of lib/hub/protocol.ts, JSON bodies read
 * as text (so a syntax error names its line and column), zod validation naming the JSON path,
 * and bearer-token authentication with role checks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HubError, HubRole } from '../../lib/hub/protocol';
import { locateJsonSyntaxError } from '../../lib/timeline/json-syntax';
import { formatJsonPath } from '../../lib/timeline/parse';
import type { Database } from './db';

export class HubHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, path?: string): HubError {
  return { error: { code, message, ...(path !== undefined && { path }) } };
}

/** The raw JSON text of a request (the content-type parser keeps it as a string). */
export function bodyText(request: FastifyRequest): string {
  if (typeof request.body !== 'string' || request.body.length === 0) {
    throw new HubHttpError(400, 'invalid_json', 'expected a JSON body (Content-Type: application/json)');
  }
  return request.body;
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonSyntaxError(text);
    throw new HubHttpError(
      400,
      'invalid_json',
      located
        ? `invalid JSON at line ${located.line}, column ${located.column}: ${located.message}`
        : `invalid JSON: ${(error as Error).message}`,
      '',
    );
  }
}

/** Validates with a protocol schema; the first problem becomes a 400 naming its JSON path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path: PropertyKey[] = [...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path.push(issue.keys[0]);
    message = `unknown field "${issue.keys[0]}"`;
  }
  const where = formatJsonPath(path);
  const more =
    parsed.error.issues.length > 1
      ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? 's' : ''})`
      : '';
  throw new HubHttpError(400, 'invalid_request', `${where || '(body)'}: ${message}${more}`, where);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Principal {
  tokenId: string;
  role: HubRole;
  name: string;
  agentId: string | null;
}

export const ADMIN_ENV_TOKEN_ID = 'env-admin';

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Resolves the request's token, or throws 401. */
export async function authenticate(request: FastifyRequest, database: Database, adminTokenHash: string | null): Promise<Principal> {
  const token = bearer(request);
  if (!token) throw new HubHttpError(401, 'unauthorized', 'missing bearer token (Authorization: Bearer <token>)');
  const hash = hashToken(token);
  if (adminTokenHash && timingSafeEqual(Buffer.from(hash), Buffer.from(adminTokenHash))) {
    return { tokenId: ADMIN_ENV_TOKEN_ID, role: 'admin', name: 'Administrator', agentId: null };
  }
  const row = await database.db
    .selectFrom('tokens')
    .select(['id', 'role', 'name', 'agent_id'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new HubHttpError(401, 'unauthorized', 'unknown or revoked token');
  return { tokenId: row.id, role: row.role, name: row.name, agentId: row.agent_id };
}

export function requireRole(principal: Principal, roles: readonly HubRole[]): void {
  if (!roles.includes(principal.role)) {
    throw new HubHttpError(403, 'forbidden', `this needs a ${roles.join(' or ')} token; this token is a ${principal.role}'s`);
  }
}

export function sendError(reply: FastifyReply, error: HubHttpError): FastifyReply {
  return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.path));
}
