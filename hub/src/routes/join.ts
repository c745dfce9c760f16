/**
 * `GET /join`: where an invite link lands. The token stays in the URL fragment, which the
 * browser never sends, so this page cannot see it and tells the person what to do with the link.
 */
import type { FastifyInstance } from 'fastify';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Join your team on Replyline</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.5rem; }
  ol { padding-left: 1.25rem; }
  .note { color: #57606a; font-size: 0.9rem; }
</style>
</head>
<body>
<main>
<h1>Join your team on Replyline</h1>
<p>This is an invite to your team's Replyline hub. To connect:</p>
<ol>
  <li>Copy the whole address of this page from the address bar (including the part after <code>#</code>).</li>
  <li>Open Replyline's side panel, go to <strong>Settings → Team</strong>.</li>
  <li>Paste the link and choose <strong>Connect</strong>. Replyline asks to reach this hub only.</li>
</ol>
<p class="note">The invite's token is in the part after <code>#</code>, which your browser never sends to any server: not even this page has seen it. Treat the link like a password; your administrator can revoke it.</p>
</main>
</body>
</html>
`;

export function joinRoutes(app: FastifyInstance): void {
  app.get('/join', async (_request, reply) => {
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(PAGE);
  });
}
