/** `POST /v1/observations` and `POST /v1/timeline`. */
import type { FastifyInstance } from 'fastify';
import { observationsRequestSchema, type IngestResponse } from '../../../lib/hub/protocol';
import { parseTimeline } from '../../../lib/timeline/parse';
import type { HubContext } from '../context';
import { bodyText, HubHttpError, parseJsonText, requireRole, validate } from '../http';
import { ingestObservations, ingestTimeline } from '../ingest';

export function ingestRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post('/v1/observations', async (request): Promise<IngestResponse> => {
    const principal = await ctx.authenticate(request);
    requireRole(principal, ['agent', 'supervisor']);
    const { batches } = validate(observationsRequestSchema, parseJsonText(bodyText(request)));
    const { keys, ...result } = await ingestObservations(ctx.database, principal, batches, ctx.now());
    request.log.info({ ...result, conversations: keys.length }, 'observations ingested');
    return result;
  });

  app.post('/v1/timeline', async (request): Promise<IngestResponse> => {
    const principal = await ctx.authenticate(request);
    requireRole(principal, ['agent', 'supervisor', 'admin']);
    const text = bodyText(request);
    const parsed = parseTimeline(text);
    if (!parsed.ok) {
      const [first] = parsed.errors;
      const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
      throw new HubHttpError(
        400,
        first.path ? 'invalid_request' : 'invalid_json',
        `${first.path || '(document)'}: ${first.message}${more}`,
        first.path,
      );
    }
    const { keys, ...result } = await ingestTimeline(ctx.database, principal, text, parsed.timeline, parsed.conversations, ctx.now());
    request.log.info({ ...result, conversations: keys.length }, 'timeline ingested');
    return result;
  });
}
