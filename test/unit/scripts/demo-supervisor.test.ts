/** `npm start` opens the supervisor's page through DevTools, again when the first try was blocked. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openExtensionPage } from '../../../scripts/demo-supervisor';

const PAGE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/connect.html#invite=http%3A%2F%2F127.0.0.1%3A4500%2Fjoin%23token%3Dx';

/** A DevTools HTTP endpoint whose first `blocked` pages end as Chromium's error page. */
async function fakeDevtools(blocked: number): Promise<{ base: string; server: Server; opened: string[]; closed: string[] }> {
  const targets: Array<{ id: string; url: string }> = [];
  const opened: string[] = [];
  const closed: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://devtools');
    if (url.pathname === '/json/new' && request.method === 'PUT') {
      const page = decodeURIComponent(url.search.slice(1));
      opened.push(page);
      const target = { id: `t${opened.length}`, url: opened.length <= blocked ? 'chrome-error://chromewebdata/' : page.split('#')[0] };
      targets.push(target);
      response.end(JSON.stringify(target));
    } else if (url.pathname === '/json/list') {
      response.end(JSON.stringify(targets));
    } else if (url.pathname.startsWith('/json/close/')) {
      closed.push(url.pathname.slice('/json/close/'.length));
      response.end('Target is closing');
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, opened, closed };
}

describe('openExtensionPage', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('opens the page again after a blocked try, and closes the blocked tab', async () => {
    const devtools = await fakeDevtools(1);
    server = devtools.server;
    expect(await openExtensionPage(() => devtools.base, PAGE, 10_000)).toBe(true);
    expect(devtools.opened).toEqual([PAGE, PAGE]);
    expect(devtools.closed).toEqual(['t1']);
  });

  it('waits for DevTools to say where it listens, and gives up at the deadline', async () => {
    expect(await openExtensionPage(() => null, PAGE, 1_200)).toBe(false);
  });
});
