/**
 * `connect.html#invite=<url-encoded invite>`: an invite opened as a link (the demo's `npm start`
 * opens it for the supervisor). When the hub's origin is already granted the connection is made at
 * once; otherwise one click asks for it (the browser's prompt needs a user gesture).
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { parseInvite, requestHubOrigin, hubOriginPattern, useHub } from '@/lib/sidepanel-state/hub';
import type { HubInvite } from '@/lib/hub/client';
import '../sidepanel/style.css';

function readInvite(): { invite: HubInvite | null; error: string | null } {
  const text = new URLSearchParams(location.hash.replace(/^#/, '')).get('invite') ?? '';
  try {
    return { invite: parseInvite(text), error: null };
  } catch (error) {
    return { invite: null, error: error instanceof Error ? error.message : String(error) };
  }
}

function Connect() {
  const [{ invite, error: inviteError }] = useState(readInvite);
  const { connection, busy, error, connect, load } = useHub();
  const [granted, setGranted] = useState<boolean | null>(null);

  useEffect(() => {
    void load();
    // The invite's token is not left in the address bar or the history.
    history.replaceState(null, '', location.pathname);
    if (invite)
      void Promise.resolve(browser.permissions.contains({ origins: [hubOriginPattern(invite.origin)] }))
        .catch(() => false)
        .then(setGranted);
  }, [invite, load]);

  useEffect(() => {
    if (invite && granted && !connection && !busy && !error) void connect(invite, Promise.resolve(true));
  }, [invite, granted, connection, busy, error, connect]);

  return (
    <main className="panel connect-page">
      <h1>Replyline · team hub</h1>
      {inviteError ? (
        <p className="error" role="alert">
          {inviteError}
        </p>
      ) : null}
      {connection ? (
        <p role="status" data-testid="connected">
          Connected to <strong>{connection.origin}</strong> as <strong>{connection.name}</strong> ({connection.role}). Open the Replyline
          side panel: the Team view is live.
        </p>
      ) : invite ? (
        <>
          <p>
            Connect this browser to the team hub at <strong>{invite.origin}</strong>? Replyline will ask to reach that address only.
          </p>
          <button type="button" className="primary" disabled={busy} onClick={() => void connect(invite, requestHubOrigin(invite.origin))}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : null}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Connect />
  </StrictMode>,
);
