/** Settings → Notifications and time: at-risk notifications, idle time, long wait, hourly cost. */
import { useState } from 'react';
import { issuesUnder, useSettingsState } from '@/lib/sidepanel-state/settings';
import type { Settings } from '@/lib/settings/model';
import { DEFAULT_LONG_WAIT_SECONDS } from '@/lib/engine/definitions';
import { formatNumber, NumberField, parseNumber, SaveBar, Section, type SaveStatus } from './fields';

export function GeneralSection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const [atRisk, setAtRisk] = useState(settings.notifications.atRisk);
  const [idle, setIdle] = useState(formatNumber(settings.idleSeconds));
  const [longWait, setLongWait] = useState(formatNumber(settings.longWaitSeconds, 60));
  const [cost, setCost] = useState(formatNumber(settings.hourlyCost));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const onSave = async () => {
    const local = new Map<string, string>();
    const idleSeconds = parseNumber(idle);
    if (idleSeconds === undefined || Number.isNaN(idleSeconds)) local.set('idleSeconds', 'enter a number of seconds');
    const longWaitSeconds = parseNumber(longWait, 60);
    if (Number.isNaN(longWaitSeconds)) local.set('longWaitSeconds', 'enter a number of minutes');
    const hourlyCost = parseNumber(cost);
    if (Number.isNaN(hourlyCost)) local.set('hourlyCost', 'enter an amount');
    if (local.size) {
      setErrors(local);
      setStatus({ kind: 'invalid', count: local.size });
      return;
    }
    const patch: Partial<Settings> = { notifications: { atRisk }, idleSeconds: idleSeconds!, longWaitSeconds, hourlyCost };
    try {
      const issues = await save(patch);
      const map = new Map<string, string>();
      for (const key of ['idleSeconds', 'longWaitSeconds', 'hourlyCost']) {
        const message = issuesUnder(issues, key).get('');
        if (message) map.set(key, message);
      }
      setErrors(map);
      setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Section id="general" title="Notifications and time">
      <label className="inline check">
        <input type="checkbox" checked={atRisk} onChange={(e) => setAtRisk(e.target.checked)} /> Notify me when a conversation’s clock
        becomes at risk
      </label>
      <div className="grid-3">
        <NumberField
          label="Idle after"
          unit="s"
          step="1"
          value={idle}
          onChange={setIdle}
          error={errors.get('idleSeconds')}
          hint="No input this long stops handle time"
        />
        <NumberField
          label="Long wait from"
          unit="min"
          value={longWait}
          onChange={setLongWait}
          error={errors.get('longWaitSeconds')}
          hint={`Empty = ${DEFAULT_LONG_WAIT_SECONDS / 60} min`}
        />
        <NumberField
          label="Hourly cost"
          value={cost}
          onChange={setCost}
          error={errors.get('hourlyCost')}
          hint="For cost per conversation"
        />
      </div>
      <SaveBar status={status} onSave={() => void onSave()} />
    </Section>
  );
}
