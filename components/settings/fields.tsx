/** Labelled inputs with inline errors, shared by the settings sections. */
import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A label, the control, an optional hint and an inline error tied to the control. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  unit?: string;
  step?: string;
}

export function NumberField({ label, value, onChange, error, hint, unit, step = 'any' }: NumberFieldProps) {
  return (
    <Field label={unit ? `${label} (${unit})` : label} error={error} hint={hint}>
      {(props) => (
        <input {...props} type="number" inputMode="decimal" step={step} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

/** '' → undefined; a number → itself times `factor`; anything else → NaN (reported as not a number). */
export function parseNumber(text: string, factor = 1): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value * factor * 1000) / 1000 : Number.NaN;
}

export function formatNumber(value: number | undefined, divisor = 1): string {
  if (value === undefined) return '';
  return String(Math.round((value / divisor) * 1000) / 1000);
}

export type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'invalid'; count: number } | { kind: 'failed'; message: string };

/** The section's save button and the outcome of the last save, announced politely. */
export function SaveBar({ label = 'Save', status, onSave }: { label?: string; status: SaveStatus; onSave: () => void }) {
  return (
    <div className="save-bar">
      <button type="button" className="primary" onClick={onSave}>
        {label}
      </button>
      <span role="status" className={status.kind === 'saved' ? 'saved' : status.kind === 'idle' ? '' : 'field-error'}>
        {status.kind === 'saved' ? 'Saved' : null}
        {status.kind === 'invalid' ? `Not saved: ${status.count === 1 ? 'one field needs' : `${status.count} fields need`} a fix` : null}
        {status.kind === 'failed' ? `Not saved: ${status.message}` : null}
      </span>
    </div>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={`settings-${id}`}>
      <h2 id={`settings-${id}`}>{title}</h2>
      {children}
    </section>
  );
}
