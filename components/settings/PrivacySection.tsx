/** Settings → Privacy: retention period, purge now, and what is (never) stored. */
import { useState } from 'react';
import { issuesUnder, useSettingsState } from '@/lib/sidepanel-state/settings';
import { usePanel } from '@/lib/sidepanel-state/store';
import { askWorkerToPurge } from '@/lib/sidepanel-state/messages';
import type { Settings } from '@/lib/settings/model';
import { formatNumber, NumberField, parseNumber, SaveBar, Section, type SaveStatus } from './fields';

export function PrivacySection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const [days, setDays] = useState(formatNumber(settings.retentionDays));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [purged, setPurged] = useState<string | null>(null);
  const [customerNames, setCustomerNames] = useState<string | null>(null);

  const toggleCustomerNames = async (on: boolean) => {
    const issues = await save({ showCustomerNames: on });
    setCustomerNames(
      issues.length
        ? `Not saved: ${issues[0].message}`
        : on
          ? 'Customer names are kept from now on, where a helpdesk page shows them.'
          : 'Customer names are no longer kept; the stored ones are deleted.',
    );
  };

  const onSave = async () => {
    const value = parseNumber(days);
    if (value === undefined || Number.isNaN(value)) {
      setError('enter a number of days');
      setStatus({ kind: 'invalid', count: 1 });
      return;
    }
    const issues = await save({ retentionDays: value });
    setError(issuesUnder(issues, 'retentionDays').get('') ?? null);
    setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
  };

  const purgeNow = async () => {
    try {
      const total = await askWorkerToPurge();
      setPurged(
        total === 0
          ? `Nothing older than ${settings.retentionDays} days.`
          : `Deleted ${total} records older than ${settings.retentionDays} days.`,
      );
      void usePanel.getState().load();
    } catch (failure) {
      setPurged(`Purge failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };

  return (
    <Section id="privacy" title="Privacy">
      <NumberField
        label="Keep observed data for"
        unit="days"
        step="1"
        value={days}
        onChange={setDays}
        error={error}
        hint="Older data is deleted every day"
      />
      <SaveBar label="Save retention" status={status} onSave={() => void onSave()} />
      <div className="save-bar">
        <button type="button" onClick={() => void purgeNow()}>
          Purge data older than {settings.retentionDays} days now
        </button>
        <span role="status">{purged}</span>
      </div>
      <h3>Customer names</h3>
      <label className="inline check">
        <input
          type="checkbox"
          checked={settings.showCustomerNames === true}
          onChange={(e) => void toggleCustomerNames(e.target.checked)}
          aria-describedby="customer-names-hint"
        />{' '}
        Show customers’ names
      </label>
      <p id="customer-names-hint" className="muted small">
        Off: conversations show the helpdesk’s ticket number and no customer name is stored. On: the customer’s display name is kept in this
        browser where the helpdesk page shows it (never sent to a team hub). Turning it off deletes the stored names.
      </p>
      <p className="small" role="status">
        {customerNames}
      </p>
      <h3>What Replyline stores</h3>
      <ul className="small">
        <li>
          Times of messages, replies, status changes, assignments and ratings; conversation ids, channel, priority and tags; agent ids as
          the helpdesk shows them, and agents’ display names.
        </li>
        <li>Your activity spans (viewing, typing) for handle time, your reviews and outcome tags, and these settings.</li>
        <li>Everything stays in this browser’s storage for this extension.</li>
      </ul>
      <h3>What it never stores or sends</h3>
      <ul className="small">
        <li>No message text, subjects or e-mail addresses of customers; no customer names unless you turn them on above.</li>
        <li>
          Nothing is sent anywhere but your helpdesk’s own origin (in your signed-in session) and, if you connect one in Team hub, your
          team’s hub (timing metadata only).
        </li>
      </ul>
    </Section>
  );
}
