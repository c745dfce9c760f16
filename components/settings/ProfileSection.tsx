/** Settings → Definitions profile: whose metric rules the numbers follow, each explained. */
import { useState } from 'react';
import { PROFILES } from '@/lib/engine/definitions';
import { useSettingsState } from '@/lib/sidepanel-state/settings';
import type { Settings } from '@/lib/settings/model';
import { Section, type SaveStatus } from './fields';

export function ProfileSection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const choose = async (profile: Settings['profile']) => {
    try {
      const issues = await save({ profile });
      setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <Section id="profile" title="Definitions profile">
      <fieldset>
        <legend className="muted small">Which helpdesk’s rules the metrics follow. Saved on selection.</legend>
        {PROFILES.map((profile) => (
          <div key={profile.id} className="profile">
            <label className="inline">
              <input
                type="radio"
                name="profile"
                value={profile.id}
                checked={settings.profile === profile.id}
                onChange={() => void choose(profile.id)}
                aria-describedby={`profile-${profile.id}-summary`}
              />{' '}
              <strong>{profile.name}</strong>
            </label>
            <p id={`profile-${profile.id}-summary`} className="muted small profile-summary">
              {profile.summary}
            </p>
            <details>
              <summary>{profile.rules.length} rules with sources</summary>
              <ul className="small">
                {profile.rules.map((rule, index) => (
                  <li key={index}>
                    {rule.text} <span className="muted">({rule.source})</span>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      </fieldset>
      <span role="status" className={status.kind === 'saved' ? 'saved' : 'field-error'}>
        {status.kind === 'saved' ? 'Saved' : status.kind === 'failed' ? `Not saved: ${status.message}` : null}
      </span>
    </Section>
  );
}
