/** Tokens (admin), who am I (any token), and the team's names (any token). */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTokenRequestSchema, type HubAgents, type HubMe } from '../../../lib/hub/protocol';
import type { HubContext } from '../context';
import { bodyText, hashToken, HubHttpError, parseJsonText, requireRole, validate } from '../http';

export function tokenRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post('/v1/tokens', async (request, reply) => {
    const principal = await ctx.authenticate(request);
    requireRole(principal, ['admin']);
    const body = validate(createTokenRequestSchema, parseJsonText(bodyText(request)));
    if (body.role === 'agent' && body.agentId === undefined) {
      throw new HubHttpError(400, 'invalid_request', 'agentId: an agent token needs the agent id its helpdesks use', 'agentId');
    }
    const id = `tok_${randomBytes(9).toString('base64url')}`;
    const token = `rlh_${randomBytes(32).toString('base64url')}`;
    await ctx.database.db
      .insertInto('tokens')
      .values({
        id,
        token_hash: hashToken(token),
        role: body.role,
        name: body.name,
        agent_id: body.agentId ?? null,
        created_at: ctx.now(),
        revoked_at: null,
      })
      .execute();
    request.log.info({ tokenId: id, role: body.role }, 'token created');
    // The token rides in the fragment, which browsers never send to the server.
    return reply.code(201).send({ id, token, invite: `${ctx.publicUrl(request)}/join#token=${token}` });
  });

  app.delete<{ Params: { id: string } }>('/v1/tokens/:id', async (request, reply) => {
    const principal = await ctx.authenticate(request);
    requireRole(principal, ['admin']);
    const result = await ctx.database.db
      .updateTable('tokens')
      .set({ revoked_at: ctx.now() })
      .where('id', '=', request.params.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new HubHttpError(404, 'not_found', `no active token with id "${request.params.id}"`);
    request.log.info({ tokenId: request.params.id }, 'token revoked');
    return reply.code(204).send();
  });

  app.get('/v1/me', async (request): Promise<HubMe> => {
    const principal = await ctx.authenticate(request);
    return { tokenId: principal.tokenId, role: principal.role, name: principal.name, agentId: principal.agentId };
  });

  app.get('/v1/agents', async (request): Promise<HubAgents> => {
    await ctx.authenticate(request);
    const rows = await ctx.database.db
      .selectFrom('tokens')
      .select(['id', 'agent_id', 'name', 'role'])
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return { agents: rows.map((row) => ({ tokenId: row.id, agentId: row.agent_id, name: row.name, role: row.role })) };
  });
}
