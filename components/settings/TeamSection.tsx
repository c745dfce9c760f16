/** Settings → Team: connect to the team's hub with an invite, see what is shared, pause, disconnect. */
import { useEffect, useState } from 'react';
import { useStoredData } from '@/components/hooks';
import { parseInvite, requestHubOrigin, useHub } from '@/lib/sidepanel-state/hub';
import type { HubAlertPreferences } from '@/lib/storage/schema';
import { Field, Section } from './fields';

const ROLE_TEXT = { agent: 'agent', supervisor: 'supervisor', admin: 'admin' } as const;
const CLOCK_TEXT = { firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution' } as const;

function when(t: number | null): string {
  return t === null ? 'never' : new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function TeamSection() {
  const { connection, sync, queued, loaded, busy, error, load, connect, setPaused, disconnect, sendNow } = useHub();
  const [invite, setInvite] = useState('');
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  // The outbox changes with every observation: re-read with the stored data (and every minute).
  useStoredData(load);

  const onConnect = () => {
    let parsed;
    try {
      parsed = parseInvite(invite);
    } catch (failure) {
      setInviteError(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    setInviteError(null);
    // Asked in the click itself: the browser shows its prompt only for a user gesture.
    void connect(parsed, requestHubOrigin(parsed.origin)).then((ok) => ok && setInvite(''));
  };

  return (
    <Section id="team" title="Team hub">
      {!loaded ? <p className="muted">Loading…</p> : null}
      {loaded && !connection ? (
        <>
          <p className="small">
            Connect to your team’s hub to share your timing with your supervisor, or (as a supervisor) to see the team live. Paste the
            invite link you were sent; Replyline then asks to reach that address only.
          </p>
          <Field label="Invite link" error={inviteError ?? error} hint="Looks like https://hub.example.com/join#token=…">
            {(props) => (
              <input
                {...props}
                type="url"
                autoComplete="off"
                spellCheck={false}
                value={invite}
                onChange={(event) => setInvite(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onConnect();
                }}
              />
            )}
          </Field>
          <div className="save-bar">
            <button type="button" className="primary" disabled={busy} onClick={onConnect}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </>
      ) : null}
      {connection ? (
        <>
          <p className="hub-connected" data-role={connection.role}>
            Connected to <strong>{connection.origin}</strong> as <strong>{connection.name}</strong> ({ROLE_TEXT[connection.role]}
            {connection.agentId ? `, agent id ${connection.agentId}` : ''}).
          </p>
          {connection.role === 'agent' ? (
            <>
              <dl className="hub-sync small" aria-label="Sharing state">
                <dt>Sharing</dt>
                <dd data-testid="hub-sharing">{connection.paused ? 'Paused: nothing is queued or sent' : 'On'}</dd>
                <dt>Last sync</dt>
                <dd data-testid="hub-last-sync">{when(sync?.lastSyncAt ?? null)}</dd>
                <dt>Waiting to be sent</dt>
                <dd data-testid="hub-queued">{queued === 1 ? '1 batch' : `${queued} batches`}</dd>
                {sync?.lastError ? (
                  <>
                    <dt>Last error</dt>
                    <dd className="field-error" role="alert" data-testid="hub-error">
                      {sync.lastError} ({when(sync.lastErrorAt)}
                      {sync.nextRetryAt ? `; next try ${when(sync.nextRetryAt)}` : ''})
                    </dd>
                  </>
                ) : null}
              </dl>
              <div className="save-bar">
                <button type="button" onClick={() => void setPaused(!connection.paused)}>
                  {connection.paused ? 'Resume sharing' : 'Pause sharing'}
                </button>
                {queued > 0 && !connection.paused ? (
                  <button type="button" onClick={() => void sendNow()}>
                    Send now
                  </button>
                ) : null}
              </div>
            </>
          ) : (
            <AlertPreferences alerts={connection.alerts} />
          )}
          <div className="save-bar">
            {confirming ? (
              <>
                <span className="small">
                  Disconnect? The token is deleted from this browser
                  {queued > 0 ? ` and ${queued} batches not yet sent are discarded` : ''}.
                </span>
                <button type="button" className="danger" onClick={() => void disconnect().then(() => setConfirming(false))}>
                  Disconnect
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirming(true)}>
                Disconnect…
              </button>
            )}
          </div>
        </>
      ) : null}
      <h3>What is shared with the hub</h3>
      <ul className="small" data-testid="hub-shared">
        <li>Timing metadata: when messages, replies, status changes, assignments and ratings happened, and your activity spans.</li>
        <li>Ids, tags and ratings: conversation, customer and agent ids as the helpdesk shows them; channel, priority, tags; CSAT.</li>
        <li>Your display name and role, as the hub’s admin set them in your invite.</li>
        <li>Never message text, subjects, drafts, customers’ names, or your checklist answers.</li>
      </ul>
      <p className="small muted">
        Only agents send. Requests go to the hub’s address above and nowhere else; disconnecting deletes the token from this browser.
      </p>
    </Section>
  );
}

/** Supervisors: which of the hub's alerts become notifications here. */
function AlertPreferences({ alerts }: { alerts: HubAlertPreferences }) {
  const setAlerts = useHub((s) => s.setAlerts);
  const [channels, setChannels] = useState(alerts.channels.join(', '));
  useEffect(() => setChannels(alerts.channels.join(', ')), [alerts.channels]);
  const save = (patch: Partial<HubAlertPreferences>) => void setAlerts({ ...alerts, ...patch });
  return (
    <fieldset className="hub-alerts">
      <legend>Notifications of the hub’s alerts</legend>
      <label>
        <input type="checkbox" checked={alerts.atRisk} onChange={(e) => save({ atRisk: e.target.checked })} /> At risk
      </label>
      <label>
        <input type="checkbox" checked={alerts.breached} onChange={(e) => save({ breached: e.target.checked })} /> Breached
      </label>
      {(Object.keys(CLOCK_TEXT) as (keyof typeof CLOCK_TEXT)[]).map((clock) => (
        <label key={clock}>
          <input
            type="checkbox"
            checked={alerts.clocks[clock]}
            onChange={(e) => save({ clocks: { ...alerts.clocks, [clock]: e.target.checked } })}
          />{' '}
          {CLOCK_TEXT[clock]}
        </label>
      ))}
      <Field label="Only these channels" hint="Comma-separated, e.g. chat, email; empty = every channel">
        {(props) => (
          <input
            {...props}
            value={channels}
            onChange={(e) => setChannels(e.target.value)}
            onBlur={() =>
              save({
                channels: channels
                  .split(',')
                  .map((c) => c.trim())
                  .filter(Boolean),
              })
            }
          />
        )}
      </Field>
    </fieldset>
  );
}
