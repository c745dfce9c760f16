/**
 * The demo's supervisor: a supervisor token made on the hub with the admin token, and the
 * extension page that connects with it (`connect.html#invite=…`), opened by `npm start` so the
 * Chromium it starts has the live Team view without any typing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenResponseSchema } from '../lib/hub/protocol.ts';

/** Chromium's id of an unpacked extension: SHA-256 of its absolute path, first 32 hex digits written a–p. */
export function unpackedExtensionId(absolutePath: string): string {
  const hex = createHash('sha256').update(absolutePath).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** Makes a supervisor token on the hub; returns its invite. */
export async function createSupervisorInvite(hubUrl: string, adminToken: string, name = 'Demo supervisor'): Promise<string> {
  const response = await fetch(`${hubUrl.replace(/\/+$/, '')}/v1/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'supervisor', name }),
  });
  if (!response.ok) throw new Error(`The hub refused to make the demo supervisor's token (HTTP ${response.status}).`);
  return createTokenResponseSchema.parse(await response.json()).invite;
}

/** The extension page that connects this invite. */
export function connectPageUrl(extensionPath: string, invite: string): string {
  return `chrome-extension://${unpackedExtensionId(extensionPath)}/connect.html#invite=${encodeURIComponent(invite)}`;
}

/** The DevTools HTTP address of a Chromium started with `--remote-debugging-port=0`, once it has written it. */
export function devtoolsAddress(profileDir: string): string | null {
  try {
    const port = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0].trim();
    return /^\d+$/.test(port) ? `http://127.0.0.1:${port}` : null;
  } catch {
    return null;
  }
}

/**
 * Opens an extension page in a running Chromium through its DevTools HTTP endpoint. A
 * `chrome-extension://` page given on the command line races the extension's loading and is
 * blocked when it loses (ERR_BLOCKED_BY_CLIENT), so the page is opened, checked, and opened again
 * until it loads. Returns whether it did within `timeoutMs`.
 */
export async function openExtensionPage(devtools: () => string | null, url: string, timeoutMs = 60_000): Promise<boolean> {
  const prefix = url.split('#')[0];
  const deadline = Date.now() + timeoutMs;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 500));
  while (Date.now() < deadline) {
    const base = devtools();
    if (!base) {
      await pause();
      continue;
    }
    try {
      const created = (await (await fetch(`${base}/json/new?${encodeURIComponent(url)}`, { method: 'PUT' })).json()) as { id: string };
      for (let i = 0; i < 10; i++) {
        await pause();
        const targets = (await (await fetch(`${base}/json/list`)).json()) as Array<{ id: string; url: string }>;
        const target = targets.find((t) => t.id === created.id);
        if (target?.url.startsWith(prefix)) return true;
        if (target?.url.startsWith('chrome-error:')) break;
      }
      await fetch(`${base}/json/close/${created.id}`);
    } catch {
      // DevTools not answering yet.
    }
    await pause();
  }
  return false;
}
