/**
 * `replyline push FILE --hub URL --token T`: sends a `replyline.timeline/1` file to a team hub
 * (`POST /v1/timeline`). The file is checked first, so problems are listed with their JSON paths
 * without a round trip; the hub checks it again and stores it once however often it is pushed.
 */
import { parseArgs } from 'node:util';
import { ingestResponseSchema } from '../hub/protocol';
import { formatTimelineProblems, parseTimeline } from '../timeline/parse';

export const PUSH_USAGE = `Usage: replyline push FILE --hub URL --token TOKEN

Sends a replyline.timeline/1 file to the team hub at URL (e.g. https://hub.example.com) with an
agent, supervisor or admin token. Sending the same file again stores nothing twice.
`;

export interface PushIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  fetch?: typeof fetch;
}

/** Exit codes as the report command: 0 sent, 1 invalid file or the hub refused it, 2 usage. */
export async function push(args: readonly string[], io: PushIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { hub: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr(`replyline push: ${(error as Error).message}\n${PUSH_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(PUSH_USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.hub || !values.token) {
    io.stderr(`replyline push: needs one FILE, --hub and --token\n${PUSH_USAGE}`);
    return 2;
  }
  let hub: URL;
  try {
    hub = new URL(values.hub);
    if (hub.protocol !== 'https:' && hub.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    io.stderr(`replyline push: --hub must be an http(s) URL, got "${values.hub}"\n`);
    return 2;
  }
  const [file] = positionals;
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    io.stderr(
      `replyline push: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`,
    );
    return 1;
  }
  const parsed = parseTimeline(text);
  if (!parsed.ok) {
    io.stderr(`replyline push: ${file} is not a valid timeline:\n${formatTimelineProblems(parsed.errors).replace(/^/gm, '  ')}\n`);
    return 1;
  }
  const endpoint = new URL('v1/timeline', hub.href.endsWith('/') ? hub.href : `${hub.href}/`);
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${values.token}`, 'content-type': 'application/json' },
      body: text,
    });
  } catch (error) {
    io.stderr(`replyline push: cannot reach ${endpoint.origin}: ${(error as Error).message}\n`);
    return 1;
  }
  const body = await response.text();
  if (!response.ok) {
    let message = body;
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message;
    } catch {
      // not the hub's error shape: print the body as it came
    }
    io.stderr(`replyline push: the hub refused the file (${response.status}): ${message}\n`);
    return 1;
  }
  const result = ingestResponseSchema.parse(JSON.parse(body));
  io.stdout(
    result.duplicates > 0
      ? `${file}: the hub already had this file; nothing stored again.\n`
      : `${file}: sent ${parsed.conversations.length} conversation(s); ${result.events} new event(s) stored.\n`,
  );
  return 0;
}
