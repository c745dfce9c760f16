/** Team settings, report, queue and alerts. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isProfileId, PROFILE_LIST } from '../../../lib/engine/profiles';
import {
  alertsQuerySchema,
  reportQuerySchema,
  teamSettingsSchema,
  type HubAlert,
  type QueueResponse,
  type TeamSettings,
} from '../../../lib/hub/protocol';
import type { HubContext } from '../context';
import { bodyText, HubHttpError, parseJsonText, requireRole, validate } from '../http';
import { measuringSettings } from '../measure';
import { readQueue, visibleTo } from '../queue';
import { teamReport } from '../report';
import { notify, readTeamSettings, remeasure } from '../store';

/** Conversations re-measured per statement when the settings change. */
const REMEASURE_CHUNK = 500;

export function readRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/settings', async (request): Promise<TeamSettings> => {
    requireRole(await ctx.authenticate(request), ['supervisor', 'admin']);
    return readTeamSettings(ctx.database.db);
  });

  app.put('/v1/settings', async (request): Promise<TeamSettings> => {
    const principal = await ctx.authenticate(request);
    requireRole(principal, ['supervisor', 'admin']);
    const settings = validate(teamSettingsSchema, parseJsonText(bodyText(request)));
    if (!isProfileId(settings.profile)) {
      throw new HubHttpError(
        400,
        'invalid_request',
        `profile: unknown profile "${settings.profile}" (expected ${PROFILE_LIST.map((p) => p.id).join(', ')})`,
        'profile',
      );
    }
    const now = ctx.now();
    // One transaction: ingest reads the settings FOR SHARE, so nothing is measured with the
    // old settings after the new ones are visible.
    const count = await ctx.database.db.transaction().execute(async (tx) => {
      await readTeamSettings(tx, 'update');
      await sql`
        insert into team_settings (id, settings, updated_at) values (1, ${JSON.stringify(settings)}::jsonb, ${now})
        on conflict (id) do update set settings = excluded.settings, updated_at = excluded.updated_at`.execute(tx);
      const { rows } = await sql<{ key: string }>`select key from conversations where record <> 'null'::jsonb order by key`.execute(tx);
      const measuring = measuringSettings(settings);
      for (let i = 0; i < rows.length; i += REMEASURE_CHUNK) {
        await remeasure(
          tx,
          rows.slice(i, i + REMEASURE_CHUNK).map((row) => row.key),
          measuring,
          now,
        );
      }
      await notify(tx, { type: 'settings', asOf: now });
      return rows.length;
    });
    request.log.info({ remeasured: count }, 'team settings changed');
    return settings;
  });

  app.get('/v1/report', async (request) => {
    const principal = await ctx.authenticate(request);
    const query = validate(reportQuerySchema, request.query);
    let agentId = query.agent;
    if (principal.role === 'agent') {
      if (agentId !== undefined && agentId !== principal.agentId) {
        throw new HubHttpError(403, 'forbidden', 'an agent token reads its own figures only');
      }
      agentId = principal.agentId ?? '';
    }
    return teamReport(ctx.database.db, {
      ...(query.week !== undefined && { week: query.week }),
      ...(query.profile !== undefined && { profile: query.profile }),
      ...(agentId !== undefined && { agentId }),
      ...(query.channel !== undefined && { channel: query.channel }),
      ...(query.priority !== undefined && { priority: query.priority }),
      ...(query.day !== undefined && { day: query.day }),
      now: query.now !== undefined ? Date.parse(query.now) : ctx.now(),
    });
  });

  app.get('/v1/queue', async (request): Promise<QueueResponse> => {
    const principal = await ctx.authenticate(request);
    const asOf = ctx.now();
    const { rows } = await readQueue(ctx.database.db, null, asOf, ctx.freshnessMs);
    return { asOf, rows: rows.filter((row) => visibleTo(principal, row.assigneeId)) };
  });

  app.get('/v1/alerts', async (request) => {
    requireRole(await ctx.authenticate(request), ['supervisor', 'admin']);
    const { since } = validate(alertsQuerySchema, request.query);
    const rows = await ctx.database.db
      .selectFrom('alerts')
      .select('alert')
      .where('fired_at', '>', since ?? -1)
      .orderBy('fired_at')
      .orderBy('id')
      .limit(10_000)
      .execute();
    return { alerts: rows.map((row) => row.alert as HubAlert) };
  });
}
