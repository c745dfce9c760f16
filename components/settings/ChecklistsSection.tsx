/** Settings → QA checklists: the active template, the built-in default, and editable copies. */
import { useState } from 'react';
import { issuesUnder, useSettingsState } from '@/lib/sidepanel-state/settings';
import {
  AUTO_CHECK_KEYS,
  DEFAULT_CHECKLIST_TEMPLATE_ID,
  type AutoCheckKey,
  type ChecklistItem,
  type ChecklistTemplate,
  type Settings,
} from '@/lib/settings/model';
import { Field, SaveBar, Section, type SaveStatus } from './fields';

const AUTO_LABELS: Record<AutoCheckKey, string> = {
  greeting: 'Greeting',
  customerName: 'Customer’s name',
  closing: 'Closing',
  noUnansweredQuestion: 'No unanswered question',
};

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

interface ItemDraft extends Omit<ChecklistItem, 'weight'> {
  weight: string;
}

function TemplateEditor({ template, onDone }: { template: ChecklistTemplate; onDone: () => void }) {
  const { settings, save } = useSettingsState();
  const [name, setName] = useState(template.name);
  const [items, setItems] = useState<ItemDraft[]>(() => template.items.map((i) => ({ ...i, weight: String(i.weight) })));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const index = settings?.checklistTemplates.findIndex((t) => t.id === template.id) ?? -1;

  const update = (id: string, change: Partial<ItemDraft>) => setItems((list) => list.map((i) => (i.id === id ? { ...i, ...change } : i)));

  const onSave = async () => {
    if (!settings) return;
    const edited: ChecklistTemplate = {
      id: template.id,
      name: name.trim(),
      items: items.map(({ weight, autoCheck, ...rest }) => ({
        ...rest,
        label: rest.label.trim(),
        weight: Number(weight.trim() === '' ? Number.NaN : weight),
        ...(autoCheck ? { autoCheck } : {}),
      })),
    };
    const templates = settings.checklistTemplates.map((t) => (t.id === template.id ? edited : t));
    const issues = await save({ checklistTemplates: templates });
    const at = templates.findIndex((t) => t.id === template.id);
    setErrors(issuesUnder(issues, `checklistTemplates.${at}`));
    setStatus(issues.length ? { kind: 'invalid', count: issues.length } : { kind: 'saved' });
  };

  const remove = async () => {
    if (!settings) return;
    await save({ checklistTemplates: settings.checklistTemplates.filter((t) => t.id !== template.id) });
    onDone();
  };

  return (
    <div className="template-editor">
      <Field label="Template name" error={errors.get('name')}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <ol className="items">
        {items.map((item, n) => (
          <li key={item.id} className="rule-card">
            <Field label={`Item ${n + 1}`} error={errors.get(`items.${n}.label`)}>
              {(props) => <input {...props} value={item.label} onChange={(e) => update(item.id, { label: e.target.value })} />}
            </Field>
            <div className="grid-2">
              <Field label={`Item ${n + 1} weight`} error={errors.get(`items.${n}.weight`)}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min="0"
                    step="any"
                    value={item.weight}
                    onChange={(e) => update(item.id, { weight: e.target.value })}
                  />
                )}
              </Field>
              <Field label={`Item ${n + 1} auto-check`}>
                {(props) => (
                  <select
                    {...props}
                    value={item.autoCheck ?? ''}
                    onChange={(e) => update(item.id, { autoCheck: (e.target.value || undefined) as AutoCheckKey | undefined })}
                  >
                    <option value="">none (reviewer answers)</option>
                    {AUTO_CHECK_KEYS.map((key) => (
                      <option key={key} value={key}>
                        {AUTO_LABELS[key]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <label className="inline check">
              <input type="checkbox" checked={item.critical} onChange={(e) => update(item.id, { critical: e.target.checked })} /> Critical
              (a fail fails the review)
            </label>
            <label className="inline check">
              <input type="checkbox" checked={item.allowNa} onChange={(e) => update(item.id, { allowNa: e.target.checked })} /> N/A allowed
            </label>
            <button type="button" className="link" onClick={() => setItems((list) => list.filter((i) => i.id !== item.id))}>
              Remove item {n + 1}
            </button>
          </li>
        ))}
      </ol>
      {errors.get('items') ? <p className="field-error">{errors.get('items')}</p> : null}
      <button
        type="button"
        onClick={() => setItems((list) => [...list, { id: newId('item'), label: '', weight: '1', critical: false, allowNa: false }])}
      >
        Add item
      </button>
      <SaveBar label="Save template" status={status} onSave={() => void onSave()} />
      {index > 0 ? (
        <button type="button" className="link danger" onClick={() => void remove()}>
          Delete template “{template.name}”
        </button>
      ) : null}
    </div>
  );
}

export function ChecklistsSection({ settings }: { settings: Settings }) {
  const save = useSettingsState((s) => s.save);
  const [editing, setEditing] = useState<string | null>(null);

  const duplicate = async (template: ChecklistTemplate) => {
    const copy: ChecklistTemplate = { ...structuredClone(template), id: newId('template'), name: `Copy of ${template.name}` };
    await save({ checklistTemplates: [...settings.checklistTemplates, copy] });
    setEditing(copy.id);
  };

  return (
    <Section id="checklists" title="QA checklists">
      <fieldset>
        <legend className="muted small">The checklist the Now view uses for reviews.</legend>
        {settings.checklistTemplates.map((template) => (
          <div key={template.id} className="template">
            <label className="inline">
              <input
                type="radio"
                name="active-template"
                checked={settings.activeChecklistTemplateId === template.id}
                onChange={() => void save({ activeChecklistTemplateId: template.id })}
              />{' '}
              <strong>{template.name}</strong>{' '}
              <span className="muted small">
                ({template.items.length} items{template.id === DEFAULT_CHECKLIST_TEMPLATE_ID ? ', built in' : ''})
              </span>
            </label>
            <div className="template-actions">
              <button type="button" className="link" onClick={() => void duplicate(template)}>
                Duplicate {template.name}
              </button>
              {template.id !== DEFAULT_CHECKLIST_TEMPLATE_ID ? (
                <button
                  type="button"
                  className="link"
                  aria-expanded={editing === template.id}
                  onClick={() => setEditing(editing === template.id ? null : template.id)}
                >
                  {editing === template.id ? 'Close' : 'Edit'} {template.name}
                </button>
              ) : null}
            </div>
            {template.id === DEFAULT_CHECKLIST_TEMPLATE_ID ? (
              <details>
                <summary>Items</summary>
                <ul className="small">
                  {template.items.map((item) => (
                    <li key={item.id}>
                      {item.label} — weight {item.weight}
                      {item.critical ? ', critical' : ''}
                      {item.allowNa ? ', N/A allowed' : ''}
                      {item.autoCheck ? `, auto-check: ${AUTO_LABELS[item.autoCheck]}` : ''}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {editing === template.id ? <TemplateEditor key={template.id} template={template} onDone={() => setEditing(null)} /> : null}
          </div>
        ))}
      </fieldset>
    </Section>
  );
}
