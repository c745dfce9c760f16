/**
 * The demo's supervisor: a supervisor token made on the hub with the admin token, and the
 * extension page that connects with it (`connect.html#invite=…`), opened by `npm start` so the
 * Chromium it starts has the live Team view without any typing.
 */
import { createHash } from 'node:crypto';
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
