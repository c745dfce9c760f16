/** `GET /v1/stream`: server-sent events (queue changes, alerts, settings changes). */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context';

export function streamRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/stream', async (request, reply) => {
    const principal = await ctx.authenticate(request);
    // Headers set by hooks (CORS) are carried over: the response is written by hand from here.
    const headers = { ...reply.getHeaders() } as Record<string, string>;
    reply.hijack();
    reply.raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx: do not buffer the stream.
      'x-accel-buffering': 'no',
    });
    reply.raw.write(': connected\n\n');
    ctx.streams.add(principal, reply.raw);
  });
}
