/** Settings: targets, business calendar, definitions profile, helpdesks, checklists, privacy and data. */
import { useEffect } from 'react';
import { useSettingsState } from '@/lib/sidepanel-state/settings';
import { CalendarSection } from './CalendarSection';
import { ChecklistsSection } from './ChecklistsSection';
import { DataSection } from './DataSection';
import { GeneralSection } from './GeneralSection';
import { HelpdesksSection } from './HelpdesksSection';
import { PrivacySection } from './PrivacySection';
import { ProfileSection } from './ProfileSection';
import { TargetsSection } from './TargetsSection';
import { TeamSection } from './TeamSection';
import './settings.css';

export function SettingsView() {
  const { settings, health, error, generation, load } = useSettingsState();
  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <p className="error" role="alert">
        Could not read settings: {error}
      </p>
    );
  if (!settings) return <p className="muted">Loading settings…</p>;
  return (
    <div className="settings">
      <nav aria-label="Settings sections" className="settings-toc small">
        {[
          ['targets', 'Targets'],
          ['calendar', 'Calendar'],
          ['profile', 'Profile'],
          ['helpdesks', 'Helpdesks'],
          ['team', 'Team hub'],
          ['checklists', 'Checklists'],
          ['general', 'Notifications'],
          ['privacy', 'Privacy'],
          ['data', 'Data'],
        ].map(([id, label]) => (
          <a key={id} href={`#settings-${id}`}>
            {label}
          </a>
        ))}
      </nav>
      {/* Sections keep drafts of their own; each load (import, delete) starts them afresh. */}
      <TargetsSection key={`targets-${generation}`} settings={settings} />
      <CalendarSection key={`calendar-${generation}`} settings={settings} />
      <ProfileSection settings={settings} />
      <HelpdesksSection settings={settings} health={health} />
      <TeamSection />
      <ChecklistsSection key={`checklists-${generation}`} settings={settings} />
      <GeneralSection key={`general-${generation}`} settings={settings} />
      <PrivacySection key={`privacy-${generation}`} settings={settings} />
      <DataSection />
    </div>
  );
}
