/**
 * Settings → Helpdesks and permissions: every helpdesk Replyline reads, where it is active,
 * self-hosted origins granted at runtime, and each adapter's health as last seen.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { HELPDESKS, type HelpdeskEntry } from '@/lib/adapters/registry';
import type { SpHelpdeskAccessChanged } from '@/lib/messaging/protocol';
import { useSettingsState } from '@/lib/sidepanel-state/settings';
import type { HealthRecord } from '@/lib/storage/schema';
import { describeHealth } from '@/lib/sidepanel-state/health';
import { normalizeOrigin, type HelpdeskBinding, type Settings } from '@/lib/settings/model';
import { originPattern } from '@/lib/adapters/framework/host-patterns';
import { Field, Section } from './fields';
import { RecipesSection } from './RecipesSection';

/** `https://*.zendesk.com/*` → `*.zendesk.com`. */
export function hostOf(pattern: string): string {
  const match = /^[a-z*]+:\/\/([^/]+)/i.exec(pattern);
  return match ? match[1] : pattern;
}

function ago(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

async function notifyAccessChanged(): Promise<void> {
  const message: SpHelpdeskAccessChanged = { type: 'sp:helpdesk-access-changed' };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // The worker syncs on its next start and on permission events as well.
  }
}

function Health({ records }: { records: HealthRecord[] }) {
  const now = Date.now();
  if (records.length === 0) return <p className="muted small">Not seen yet: open the helpdesk in a tab.</p>;
  return (
    <ul className="health-list small">
      {records.map((record) => {
        const words = describeHealth(record);
        return (
          <li key={record.key} className={`health-${words.level}`} title={words.detail ?? undefined}>
            <strong>{record.route}</strong> on {record.origin}, {ago(record.at, now)}: {words.text}
            {words.advice ? <span className="health-advice">{words.advice}</span> : null}
            {words.detail && words.level === 'problem' ? <span className="muted health-detail">{words.detail}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function RuntimeAccess({ entry, bindings }: { entry: HelpdeskEntry; bindings: HelpdeskBinding[] }) {
  const save = useSettingsState((s) => s.save);
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [granted, setGranted] = useState<Record<string, boolean>>({});

  const origins = bindings.map((b) => b.origin).join(' ');
  useEffect(() => {
    let live = true;
    void Promise.all(
      origins
        .split(' ')
        .filter(Boolean)
        .map(async (o) => [o, await browser.permissions.contains({ origins: [originPattern(o)] }).catch(() => false)] as const),
    ).then((pairs) => {
      if (live) setGranted(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [origins, message]);

  const all = useSettingsState((s) => s.settings?.helpdeskBindings ?? []);

  const grant = () => {
    const normalized = normalizeOrigin(origin);
    if (!normalized) {
      setError('enter the helpdesk’s origin only, like https://support.example.com');
      return;
    }
    setError(null);
    // The request must happen in the click itself (a user gesture): nothing awaited before it.
    const request = browser.permissions.request({ origins: [originPattern(normalized)] });
    void request.then(
      async (ok) => {
        if (!ok) {
          setMessage(`Access to ${normalized} was not granted.`);
          return;
        }
        const others = all.filter((b) => !(b.adapterId === entry.id && b.origin === normalized));
        const issues = await save({ helpdeskBindings: [...others, { adapterId: entry.id, origin: normalized, addedAt: Date.now() }] });
        if (issues.length) {
          setError(issues[0].message);
          return;
        }
        await notifyAccessChanged();
        setOrigin('');
        setMessage(`${entry.name} is active on ${normalized}. Reload its open tabs.`);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };

  const regrant = (bound: string) => {
    // In the click itself, like the first grant.
    void browser.permissions.request({ origins: [originPattern(bound)] }).then(async (ok) => {
      setMessage(ok ? `${entry.name} is active on ${bound}. Reload its open tabs.` : `Access to ${bound} was not granted.`);
      if (ok) await notifyAccessChanged();
    });
  };

  const revoke = async (binding: HelpdeskBinding) => {
    const rest = all.filter((b) => b !== binding);
    // Another helpdesk bound to the same origin keeps the permission.
    if (!rest.some((b) => b.origin === binding.origin)) {
      await browser.permissions.remove({ origins: [originPattern(binding.origin)] }).catch(() => false);
    }
    await save({ helpdeskBindings: rest });
    await notifyAccessChanged();
    setMessage(`${entry.name} no longer reads ${binding.origin}.`);
  };

  return (
    <>
      {bindings.length ? (
        <ul className="bindings">
          {bindings.map((binding) => (
            <li key={binding.origin}>
              <span className="conv-id">{binding.origin}</span>{' '}
              {granted[binding.origin] === false ? (
                <>
                  <span className="badge badge-unverified">access not granted</span>{' '}
                  <button type="button" className="link" onClick={() => regrant(binding.origin)}>
                    Grant {binding.origin} again
                  </button>
                </>
              ) : granted[binding.origin] ? (
                <span className="badge">active</span>
              ) : null}
              <button type="button" className="link" onClick={() => void revoke(binding)}>
                Revoke {binding.origin}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">Self-hosted: not active anywhere yet.</p>
      )}
      <div className="inline-form">
        <Field
          label={`${entry.name} address`}
          error={error}
          hint={`e.g. https://${entry.matches[0] ? hostOf(entry.matches[0]) : 'support.example.com'}`}
        >
          {(props) => (
            <input
              {...props}
              type="url"
              placeholder="https://support.example.com"
              value={origin}
              onChange={(e) => setOrigin(e.target.value)}
            />
          )}
        </Field>
        <button type="button" onClick={grant}>
          Grant access
        </button>
      </div>
      <span role="status" className="small">
        {message}
      </span>
    </>
  );
}

export function HelpdesksSection({ settings, health }: { settings: Settings; health: HealthRecord[] }) {
  return (
    <Section id="helpdesks" title="Helpdesks and permissions">
      <ul className="helpdesks">
        {HELPDESKS.map((entry) => (
          <li key={entry.id} className="helpdesk">
            <h3 className="helpdesk-name">{entry.name}</h3>
            {entry.access === 'manifest' ? (
              <p className="small">Active on {entry.matches.map(hostOf).join(', ')}</p>
            ) : (
              <RuntimeAccess entry={entry} bindings={settings.helpdeskBindings.filter((b) => b.adapterId === entry.id)} />
            )}
            <Health records={health.filter((h) => h.helpdesk === entry.id)} />
          </li>
        ))}
      </ul>
      <RecipesSection />
    </Section>
  );
}
