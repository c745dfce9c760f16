/** Settings → Targets: default targets, clock, at-risk share, and per channel/priority overrides. */
import { useState } from 'react';
import { issuesUnder, useSettingsState } from '@/lib/sidepanel-state/settings';
import { KNOWN_CHANNELS, PRIORITIES, TARGET_KINDS, type Settings, type TargetKind, type TargetRule } from '@/lib/settings/model';
import { Field, formatNumber, NumberField, parseNumber, SaveBar, Section, type SaveStatus } from './fields';
import { SuggestedTargets } from '@/components/team/insights/SuggestedTargets';

const KIND_LABELS: Record<TargetKind, string> = {
  firstResponseSeconds: 'First response',
  nextResponseSeconds: 'Next response',
  resolutionSeconds: 'Resolution',
};

type Minutes = Record<TargetKind, string>;
interface RuleDraft extends Minutes {
  key: number;
  channel: string;
  priority: string;
}

function minutesOf(source: Partial<Record<TargetKind, number>>): Minutes {
  return {
    firstResponseSeconds: formatNumber(source.firstResponseSeconds, 60),
    nextResponseSeconds: formatNumber(source.nextResponseSeconds, 60),
    resolutionSeconds: formatNumber(source.resolutionSeconds, 60),
  };
}

let nextKey = 1;
function ruleDraft(rule: TargetRule): RuleDraft {
  return { key: nextKey++, channel: rule.channel ?? '', priority: rule.priority ?? '', ...minutesOf(rule) };
}

export function TargetsSection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const [clock, setClock] = useState(settings.targets.clock);
  const [defaults, setDefaults] = useState<Minutes>(() => minutesOf(settings.targets));
  const [atRisk, setAtRisk] = useState(formatNumber(settings.targets.atRiskShare * 100));
  const [rules, setRules] = useState<RuleDraft[]>(() => settings.targetRules.map(ruleDraft));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const updateRule = (key: number, change: Partial<RuleDraft>) =>
    setRules((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const onSave = async () => {
    const local = new Map<string, string>();
    const seconds = (text: string, path: string) => {
      const value = parseNumber(text, 60);
      if (Number.isNaN(value)) local.set(path, 'enter a number of minutes');
      return Number.isNaN(value) ? undefined : value;
    };
    const targets = { ...settings.targets, clock, atRiskShare: 0 };
    for (const kind of TARGET_KINDS) {
      const value = seconds(defaults[kind], `targets.${kind}`);
      if (value === undefined) delete targets[kind];
      else targets[kind] = value;
    }
    const share = parseNumber(atRisk, 0.01);
    if (share === undefined || Number.isNaN(share)) local.set('targets.atRiskShare', 'enter a percentage');
    targets.atRiskShare = share ?? Number.NaN;
    const targetRules: TargetRule[] = rules.map((draft, index) => {
      const rule: TargetRule = {};
      if (draft.channel.trim()) rule.channel = draft.channel.trim().toLowerCase();
      if (draft.priority) rule.priority = draft.priority;
      for (const kind of TARGET_KINDS) {
        const value = seconds(draft[kind], `targetRules.${index}.${kind}`);
        if (value !== undefined) rule[kind] = value;
      }
      return rule;
    });
    if (local.size) {
      setErrors(local);
      setStatus({ kind: 'invalid', count: local.size });
      return;
    }
    try {
      const issues = await save({ targets, targetRules });
      const map = new Map<string, string>();
      for (const [path, message] of issuesUnder(issues, 'targets')) map.set(`targets.${path}`, message);
      for (const [path, message] of issuesUnder(issues, 'targetRules')) map.set(`targetRules.${path}`, message);
      setErrors(map);
      setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Section id="targets" title="Targets">
      <p className="muted small">Empty means no target. Overrides apply per channel, per priority, or both; the most specific one wins.</p>
      <fieldset className="row">
        <legend>Count targets on</legend>
        <label className="inline">
          <input type="radio" name="target-clock" checked={clock === 'business'} onChange={() => setClock('business')} /> Business hours
        </label>
        <label className="inline">
          <input type="radio" name="target-clock" checked={clock === 'calendar'} onChange={() => setClock('calendar')} /> Calendar time
          (24/7)
        </label>
      </fieldset>
      <div className="grid-3">
        {TARGET_KINDS.map((kind) => (
          <NumberField
            key={kind}
            label={KIND_LABELS[kind]}
            unit="min"
            value={defaults[kind]}
            onChange={(v) => setDefaults((d) => ({ ...d, [kind]: v }))}
            error={errors.get(`targets.${kind}`)}
          />
        ))}
      </div>
      {/* Apply fills the field; the section's Save stores it. */}
      <SuggestedTargets
        clock={clock}
        current={settings.targets}
        onApply={(kind, seconds) => setDefaults((d) => ({ ...d, [kind]: formatNumber(seconds, 60) }))}
      />
      <NumberField
        label="At risk from"
        unit="% of the target"
        value={atRisk}
        onChange={setAtRisk}
        error={errors.get('targets.atRiskShare')}
      />

      <h3>Overrides</h3>
      {rules.length === 0 ? <p className="muted small">No overrides: every conversation has the targets above.</p> : null}
      <datalist id="known-channels">
        {KNOWN_CHANNELS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <ol className="rules">
        {rules.map((rule, index) => {
          const n = index + 1;
          const ruleError = errors.get(`targetRules.${index}`);
          return (
            <li key={rule.key} className="rule-card">
              <div className="grid-2">
                <Field label={`Override ${n}: channel`} hint="empty = any channel">
                  {(props) => (
                    <input
                      {...props}
                      list="known-channels"
                      value={rule.channel}
                      onChange={(e) => updateRule(rule.key, { channel: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={`Override ${n}: priority`}>
                  {(props) => (
                    <select {...props} value={rule.priority} onChange={(e) => updateRule(rule.key, { priority: e.target.value })}>
                      <option value="">any priority</option>
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <div className="grid-3">
                {TARGET_KINDS.map((kind) => (
                  <NumberField
                    key={kind}
                    label={`Override ${n}: ${KIND_LABELS[kind].toLowerCase()}`}
                    unit="min"
                    value={rule[kind]}
                    onChange={(v) => updateRule(rule.key, { [kind]: v })}
                    error={errors.get(`targetRules.${index}.${kind}`)}
                  />
                ))}
              </div>
              {ruleError ? <p className="field-error">{ruleError}</p> : null}
              <button type="button" className="link" onClick={() => setRules((list) => list.filter((r) => r.key !== rule.key))}>
                Remove override {n}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => setRules((list) => [...list, ruleDraft({})])}>
        Add override
      </button>
      <SaveBar label="Save targets" status={status} onSave={() => void onSave()} />
    </Section>
  );
}
