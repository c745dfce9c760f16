/** Settings → Business calendar: IANA time zone, opening windows per weekday, holidays. */
import { useMemo, useState } from 'react';
import { issuesUnder, useSettingsState } from '@/lib/sidepanel-state/settings';
import type { CalendarSettings, Settings } from '@/lib/settings/model';
import type { DayKey } from '@/lib/timeline/schema';
import { Field, SaveBar, Section, type SaveStatus } from './fields';

const DAYS: Array<{ key: DayKey; label: string }> = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

type Week = Record<DayKey, [string, string][]>;

function weekOf(calendar: CalendarSettings): Week {
  const week = {} as Week;
  for (const { key } of DAYS) week[key] = (calendar.week[key] ?? []).map(([a, b]) => [a, b]);
  return week;
}

export function CalendarSection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const zones = useMemo(timeZones, []);
  const [timezone, setTimezone] = useState(settings.calendar.timezone);
  const [week, setWeek] = useState<Week>(() => weekOf(settings.calendar));
  const [holidays, setHolidays] = useState<string[]>(settings.calendar.holidays);
  const [newHoliday, setNewHoliday] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const setWindow = (day: DayKey, index: number, part: 0 | 1, value: string) =>
    setWeek((w) => ({
      ...w,
      [day]: w[day].map((win, i) => (i === index ? (part === 0 ? [value, win[1]] : [win[0], value]) : win)),
    }));

  const onSave = async () => {
    const calendar: CalendarSettings = {
      timezone: timezone.trim(),
      week: Object.fromEntries(DAYS.map(({ key }) => [key, week[key].map(([a, b]) => [a.trim(), b.trim()] as [string, string])])),
      holidays: [...new Set(holidays)].sort(),
    };
    try {
      const issues = await save({ calendar });
      setErrors(issuesUnder(issues, 'calendar'));
      setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const dayError = (day: DayKey) => {
    for (const [path, message] of errors) if (path === `week.${day}` || path.startsWith(`week.${day}.`)) return message;
    return null;
  };

  return (
    <Section id="calendar" title="Business calendar">
      <Field label="Time zone" error={errors.get('timezone')} hint="Type to search, e.g. Europe/Berlin">
        {(props) => (
          <input
            {...props}
            list="time-zones"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>

      <h3>Opening hours</h3>
      <p className="muted small">Times are HH:MM in the time zone above; a window may end at 24:00. A day without windows is closed.</p>
      <ul className="days">
        {DAYS.map(({ key, label }) => {
          const error = dayError(key);
          return (
            <li key={key} className="day">
              <span className="day-name" id={`day-${key}`}>
                {label}
              </span>
              <div className="windows">
                {week[key].length === 0 ? <span className="muted small">Closed</span> : null}
                {week[key].map((win, index) => (
                  <span key={index} className="window">
                    <input
                      aria-label={`${label} window ${index + 1} opens`}
                      className="time"
                      value={win[0]}
                      onChange={(e) => setWindow(key, index, 0, e.target.value)}
                      aria-invalid={Boolean(error)}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      aria-label={`${label} window ${index + 1} closes`}
                      className="time"
                      value={win[1]}
                      onChange={(e) => setWindow(key, index, 1, e.target.value)}
                      aria-invalid={Boolean(error)}
                    />
                    <button
                      type="button"
                      className="icon"
                      aria-label={`Remove ${label} window ${index + 1}`}
                      onClick={() => setWeek((w) => ({ ...w, [key]: w[key].filter((_, i) => i !== index) }))}
                    >
                      ×
                    </button>
                  </span>
                ))}
                <button
                  type="button"
                  className="link"
                  aria-label={`Add a window on ${label}`}
                  onClick={() => setWeek((w) => ({ ...w, [key]: [...w[key], ['09:00', '17:00']] }))}
                >
                  + window
                </button>
                {error ? <span className="field-error">{error}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>

      <h3>Holidays</h3>
      {holidays.length === 0 ? <p className="muted small">No holidays.</p> : null}
      <ul className="chips">
        {holidays.map((day, index) => (
          <li key={day} className={errors.has(`holidays.${index}`) ? 'chip chip-bad' : 'chip'}>
            {day}
            <button
              type="button"
              className="icon"
              aria-label={`Remove holiday ${day}`}
              onClick={() => setHolidays((list) => list.filter((d) => d !== day))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <Field label="Add a holiday" error={[...errors].find(([p]) => p.startsWith('holidays'))?.[1]}>
          {(props) => <input {...props} type="date" value={newHoliday} onChange={(e) => setNewHoliday(e.target.value)} />}
        </Field>
        <button
          type="button"
          disabled={!newHoliday}
          onClick={() => {
            setHolidays((list) => (list.includes(newHoliday) ? list : [...list, newHoliday].sort()));
            setNewHoliday('');
          }}
        >
          Add holiday
        </button>
      </div>
      <SaveBar label="Save calendar" status={status} onSave={() => void onSave()} />
    </Section>
  );
}
