/**
 * Generated malformed inputs for the three ways a file enters Replyline: the report CLI, the
 * Team import and the backup restore. Every case is invalid by construction (a required field
 * removed, a value of the wrong type or range, a broken time, a duplicate, a truncation, a
 * file of another kind, hostile nesting or keys), and names where its error must point.
 */
import { defaultSettings } from '../../lib/settings/model';

export interface BadInput {
  name: string;
  text: string;
  /** The JSON path the error must name (a prefix of a reported path); '' = the whole file. */
  path: string;
}

export const BASE_TIMELINE = {
  format: 'replyline.timeline/1',
  generatedAt: '2026-11-24T12:00:00Z',
  source: { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' },
  agentId: 'ana',
  period: { from: '2026-11-23T00:00:00Z', to: '2026-11-30T00:00:00Z' },
  profile: 'replyline',
  calendar: { timezone: 'UTC', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } },
  targets: { firstResponseSeconds: 600 },
  conversations: [
    {
      id: 'c-1',
      channel: 'chat',
      createdAt: '2026-11-24T09:00:00Z',
      tags: ['billing'],
      unverified: false,
      events: [
        { type: 'message', id: 'm1', at: '2026-11-24T09:00:00Z', author: 'customer' },
        { type: 'assignment', id: 'as1', at: '2026-11-24T09:00:30Z', agentId: 'a-1' },
        { type: 'activity', id: 'v1', at: '2026-11-24T09:01:00Z', until: '2026-11-24T09:04:00Z', agentId: 'a-1' },
        { type: 'tag', id: 't1', at: '2026-11-24T09:02:00Z', tag: 'vip' },
        { type: 'message', id: 'm2', at: '2026-11-24T09:04:00Z', author: 'agent', agentId: 'a-1', public: true },
        { type: 'status', id: 's1', at: '2026-11-24T09:10:00Z', status: 'resolved', agentId: 'a-1' },
        { type: 'rating', id: 'r1', at: '2026-11-24T09:11:00Z', csat: 5 },
      ],
    },
    {
      id: 'c-2',
      createdAt: '2026-11-24T10:00:00Z',
      events: [{ type: 'message', id: 'm1', at: '2026-11-24T10:00:00Z', author: 'customer' }],
    },
  ],
};

export function baseBackup() {
  const settings = defaultSettings();
  settings.calendar.timezone = 'UTC';
  return {
    format: 'replyline.backup/1',
    exportedAt: '2026-11-24T12:00:00.000Z',
    settings,
    timelines: [BASE_TIMELINE],
    reviews: [
      {
        conversationKey: 'zendesk|https://acme.zendesk.com|c-1',
        templateId: 'default',
        answers: { greeting: 'pass' },
        score: 1,
        criticalFailed: false,
        reviewerId: 'a-1',
        reviewedAt: Date.parse('2026-11-24T12:00:00Z'),
      },
    ],
    outcomes: [
      {
        conversationKey: 'zendesk|https://acme.zendesk.com|c-1',
        tags: ['renewal'],
        agentId: 'a-1',
        updatedAt: Date.parse('2026-11-24T12:00:00Z'),
      },
    ],
    imports: { files: [], conversations: [] },
  };
}

type Path = (string | number)[];

function format(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function edit(doc: unknown, path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path[path.length - 1]);
  return copy;
}
const set = (doc: unknown, path: Path, value: unknown) => edit(doc, path, (p, k) => void (p[k] = value));
const del = (doc: unknown, path: Path) => edit(doc, path, (p, k) => void delete p[k]);

/** Values of the wrong type for a field of each kind (never one the field accepts). */
const WRONG: Record<string, unknown[]> = {
  string: [null, 42, true, [], {}],
  id: [null, 42, true, [], {}, ''],
  time: [
    null,
    42,
    true,
    [],
    {},
    'yesterday',
    '2026-11-24 09:00',
    '2026-11-24T09:00:00',
    '2026-13-01T00:00:00Z',
    '2026-02-30T09:00:00Z',
    '',
  ],
  array: [null, 42, 'x', true, {}],
  object: [null, 42, 'x', true, []],
  boolean: [null, 42, 'x', [], {}],
  enum: [null, 42, 'x', true, [], {}],
  rating: [null, 'x', true, 4.5, 0, 6, []],
};

/** Fields of the base timeline and their kinds; each gets every wrong value of its kind. */
const FIELDS: Array<[Path, keyof typeof WRONG]> = [
  [['format'], 'enum'],
  [['generatedAt'], 'time'],
  [['source'], 'object'],
  [['source', 'helpdesk'], 'string'],
  [['agentId'], 'string'],
  [['period'], 'object'],
  [['period', 'from'], 'time'],
  [['calendar'], 'object'],
  [['calendar', 'timezone'], 'enum'],
  [['targets'], 'object'],
  [['conversations'], 'array'],
  [['conversations', 0], 'object'],
  [['conversations', 0, 'id'], 'id'],
  [['conversations', 0, 'channel'], 'string'],
  [['conversations', 0, 'createdAt'], 'time'],
  [['conversations', 0, 'tags'], 'array'],
  [['conversations', 0, 'unverified'], 'boolean'],
  [['conversations', 0, 'events'], 'array'],
  [['conversations', 0, 'events', 0], 'object'],
  [['conversations', 0, 'events', 0, 'type'], 'enum'],
  [['conversations', 0, 'events', 0, 'at'], 'time'],
  [['conversations', 0, 'events', 0, 'author'], 'enum'],
  [['conversations', 0, 'events', 2, 'until'], 'time'],
  [['conversations', 0, 'events', 4, 'public'], 'boolean'],
  [['conversations', 0, 'events', 5, 'status'], 'enum'],
  [['conversations', 0, 'events', 6, 'csat'], 'rating'],
  [['conversations', 1, 'events', 0, 'id'], 'id'],
];

/** Required fields, each removed. */
const REQUIRED: Path[] = [
  ['format'],
  ['conversations'],
  ['conversations', 0, 'id'],
  ['conversations', 0, 'createdAt'],
  ['conversations', 0, 'events'],
  ...[0, 1, 2, 3, 4, 5, 6].flatMap((i): Path[] => [
    ['conversations', 0, 'events', i, 'at'],
    ['conversations', 0, 'events', i, 'type'],
  ]),
  ['conversations', 0, 'events', 0, 'author'],
  ['conversations', 0, 'events', 1, 'agentId'],
  ['conversations', 0, 'events', 2, 'until'],
  ['conversations', 0, 'events', 2, 'agentId'],
  ['conversations', 0, 'events', 3, 'tag'],
  ['conversations', 0, 'events', 5, 'status'],
  ['conversations', 0, 'events', 6, 'csat'],
  ['source', 'helpdesk'],
  ['calendar', 'timezone'],
];

/** Values that parse but break a rule: range, order, duplicates, plausibility, size, '|'. */
function ruleBreaks(): Array<[string, unknown, string]> {
  const b = BASE_TIMELINE;
  const c = ['conversations', 0];
  return [
    ['event before createdAt', set(b, [...c, 'events', 0, 'at'], '2026-11-24T08:59:59Z'), 'conversations[0].events[0].at'],
    ['period ends before it starts', set(b, ['period', 'to'], '2026-11-22T00:00:00Z'), 'period.to'],
    ['empty period', set(b, ['period', 'to'], b.period.from), 'period.to'],
    ['activity ends before it starts', set(b, [...c, 'events', 2, 'until'], '2026-11-24T09:00:00Z'), 'conversations[0].events[2].until'],
    ['year 9999 event', set(b, [...c, 'events', 5, 'at'], '9999-12-31T23:59:59Z'), 'conversations[0].events[5].at'],
    ['year 1970 createdAt', set(b, [...c, 'createdAt'], '1970-01-01T00:00:00Z'), 'conversations[0].createdAt'],
    ['year 2100 generatedAt', set(b, ['generatedAt'], '2100-01-01T00:00:00Z'), 'generatedAt'],
    ['duplicate conversation id', set(b, ['conversations', 1, 'id'], 'c-1'), 'conversations[1].id'],
    ['duplicate event id', set(b, [...c, 'events', 1, 'id'], 'm1'), 'conversations[0].events[1].id'],
    ['rating without a score', del(b, [...c, 'events', 6, 'csat']), 'conversations[0].events[6]'],
    ['ces 8', set(b, [...c, 'events', 6, 'ces'], 8), 'conversations[0].events[6].ces'],
    ['unknown author', set(b, [...c, 'events', 0, 'author'], 'system'), 'conversations[0].events[0].author'],
    ['status closed', set(b, [...c, 'events', 5, 'status'], 'closed'), 'conversations[0].events[5].status'],
    ['unknown event type', set(b, [...c, 'events', 0, 'type'], 'comment'), 'conversations[0].events[0]'],
    ['empty tag', set(b, [...c, 'events', 3, 'tag'], ''), 'conversations[0].events[3].tag'],
    ['empty agent id', set(b, [...c, 'events', 4, 'agentId'], ''), 'conversations[0].events[4].agentId'],
    ['negative target', set(b, ['targets', 'firstResponseSeconds'], -5), 'targets.firstResponseSeconds'],
    ['at-risk share 1', set(b, ['targets', 'atRiskShare'], 1), 'targets.atRiskShare'],
    ['unknown time zone', set(b, ['calendar', 'timezone'], 'Mars/Olympus'), 'calendar.timezone'],
    ['window ending before it starts', set(b, ['calendar', 'week', 'mon'], [['17:00', '09:00']]), 'calendar.week.mon'],
    ['window 25:00', set(b, ['calendar', 'week', 'mon'], [['09:00', '25:00']]), 'calendar.week.mon'],
    ['holiday not a date', set(b, ['calendar', 'holidays'], ['24.12.2026']), 'calendar.holidays'],
    ['id of 10,000 characters', set(b, [...c, 'id'], 'x'.repeat(10_000)), 'conversations[0].id'],
    ['event id of 300 characters', set(b, [...c, 'events', 0, 'id'], 'e'.repeat(300)), 'conversations[0].events[0].id'],
    ['tag of 1,000 characters', set(b, [...c, 'tags'], ['t'.repeat(1000)]), 'conversations[0].tags[0]'],
    ['origin holding "|"', set(b, ['source', 'origin'], 'https://acme|x'), 'source.origin'],
    ['helpdesk holding "|"', set(b, ['source', 'helpdesk'], 'zen|desk'), 'source.helpdesk'],
    ['origin of 5,000 characters', set(b, ['source', 'origin'], `https://${'a'.repeat(5000)}.com`), 'source.origin'],
    ['1e308 csat', set(b, [...c, 'events', 6, 'csat'], 1e308), 'conversations[0].events[6].csat'],
    ['nested arrays as events', set(b, [...c, 'events'], [JSON.parse('['.repeat(500) + ']'.repeat(500))]), 'conversations[0].events[0]'],
    // JSON.parse keeps "__proto__" as an own key: it must neither pollute nor stand in for a real field.
    [
      '"__proto__" holding the event type',
      set(
        b,
        [...c, 'events', 0],
        JSON.parse('{"__proto__": {"type": "message", "author": "agent"}, "at": "2026-11-24T09:00:00Z", "id": "m1"}'),
      ),
      'conversations[0].events[0]',
    ],
    [
      '"__proto__" holding the conversation id',
      set(b, ['conversations', 1], JSON.parse('{"__proto__": {"id": "c-9"}, "createdAt": "2026-11-24T10:00:00Z", "events": []}')),
      'conversations[1].id',
    ],
    [
      '"constructor.prototype" instead of conversations',
      del(set(b, ['constructor'], { prototype: { polluted: true } }), ['conversations']),
      'conversations',
    ],
    ['"__proto__" as the format', JSON.parse(`{"__proto__": {"format": "replyline.timeline/1"}, "conversations": []}`), 'format'],
  ];
}

const texts = (doc: unknown) => JSON.stringify(doc, null, 1);

/** Whole-file cases: truncations, syntax, nesting, files of other kinds. */
function wholeFile(valid: string, kind: 'timeline' | 'backup'): BadInput[] {
  const cases: BadInput[] = [];
  const cuts = [1, 2, 10, 50, 100, 200, 400, 700, 1000, 1500, 2000, 2500];
  for (const cut of cuts) if (cut < valid.length - 1) cases.push({ name: `truncated at byte ${cut}`, text: valid.slice(0, cut), path: '' });
  for (let i = 1; i <= 8; i++)
    cases.push({ name: `truncated at ${i}/9`, text: valid.slice(0, Math.floor((valid.length * i) / 9)), path: '' });
  cases.push(
    { name: 'empty file', text: '', path: '' },
    { name: 'only whitespace', text: ' \n\t ', path: '' },
    { name: 'only a byte-order mark', text: '\ufeff', path: '' },
    { name: 'null', text: 'null', path: '' },
    { name: 'a number', text: '42', path: '' },
    { name: 'a string', text: '"replyline.timeline/1"', path: '' },
    { name: 'an array', text: '[]', path: '' },
    { name: 'an empty object', text: '{}', path: kind === 'timeline' ? 'format' : 'format' },
    { name: 'trailing comma', text: valid.replace(/\n}$/, ',\n}'), path: '' },
    { name: 'single quotes', text: valid.replace(/"format"/, "'format'"), path: '' },
    { name: 'a comment', text: `// exported\n${valid}`, path: '' },
    { name: 'two documents', text: `${valid}\n${valid}`, path: '' },
    { name: 'NaN', text: valid.replace(/"format"/, '"x": NaN, "format"'), path: '' },
    { name: 'binary garbage', text: '\u0000\u0001PK\u0003\u0004\u00ff\u00fe', path: '' },
    { name: '7,000 unclosed "["', text: '['.repeat(7000), path: '' },
    { name: '100,000 unclosed "{"', text: '{"a":'.repeat(100_000), path: '' },
    { name: '7,000 nested closed "["', text: '['.repeat(7000) + ']'.repeat(7000), path: '' },
    { name: 'a control character in a string', text: valid.replace('"c-1"', '"c\u0001-1"'), path: '' },
    { name: 'a CSV export', text: '# replyline week 2026-W48\nconversation,channel,created\nc-1,chat,2026-11-24T09:00:00Z\n', path: '' },
    { name: 'a report', text: JSON.stringify({ format: 'replyline.report/1', profile: 'replyline', summary: {} }), path: '' },
    { name: 'a recipe', text: JSON.stringify({ format: 'replyline.recipe/2', name: 'Acme' }), path: '' },
    { name: 'HTML', text: '<!doctype html><html><body>Not found</body></html>', path: '' },
  );
  if (kind === 'timeline') cases.push({ name: 'a backup', text: texts(baseBackup()), path: '' });
  else cases.push({ name: 'a timeline', text: texts(BASE_TIMELINE), path: '' });
  return cases;
}

/** Every malformed timeline: for the CLI and the Team import as it is, inside a backup for the restore. */
export function timelineCases(): Array<BadInput & { doc?: unknown }> {
  const cases: Array<BadInput & { doc?: unknown }> = [];
  for (const [path, kind] of FIELDS) {
    for (const value of WRONG[kind]) {
      const doc = set(BASE_TIMELINE, path, value);
      cases.push({ name: `${format(path)} = ${JSON.stringify(value)}`, text: texts(doc), path: format(path), doc });
    }
  }
  for (const path of REQUIRED) {
    const doc = del(BASE_TIMELINE, path);
    cases.push({ name: `${format(path)} missing`, text: texts(doc), path: format(path), doc });
  }
  for (const [name, doc, path] of ruleBreaks()) cases.push({ name, text: texts(doc), path, doc });
  for (const whole of wholeFile(texts(BASE_TIMELINE), 'timeline')) cases.push(whole);
  return cases;
}

/** Malformed backups: every timeline case embedded, the backup's own fields broken, whole-file cases. */
export function backupCases(): BadInput[] {
  const base = baseBackup();
  const cases: BadInput[] = [];
  for (const t of timelineCases()) {
    if (t.doc === undefined) continue;
    const doc = { ...base, timelines: [t.doc] };
    cases.push({ name: `timeline ${t.name}`, text: texts(doc), path: t.path ? `timelines[0].${t.path}` : 'timelines[0]' });
  }
  const own: Array<[string, unknown, string]> = [
    ['settings missing', del(base, ['settings']), 'settings'],
    ['settings null', set(base, ['settings'], null), 'settings'],
    ['settings.targets a string', set(base, ['settings', 'targets'], 'fast'), 'settings.targets'],
    ['settings.targets.atRiskShare 2', set(base, ['settings', 'targets', 'atRiskShare'], 2), 'settings.targets.atRiskShare'],
    ['settings.targetRules a string', set(base, ['settings', 'targetRules'], 'none'), 'settings.targetRules'],
    ['settings.targetRules [{}]', set(base, ['settings', 'targetRules'], [{}]), 'settings.targetRules[0]'],
    ['settings.checklistTemplates [null]', set(base, ['settings', 'checklistTemplates'], [null]), 'settings.checklistTemplates[0]'],
    ['settings.checklistTemplates a number', set(base, ['settings', 'checklistTemplates'], 3), 'settings.checklistTemplates'],
    [
      'settings.helpdeskBindings bad origin',
      set(base, ['settings', 'helpdeskBindings'], [{ adapterId: 'zammad', origin: 'javascript:alert(1)', addedAt: 1 }]),
      'settings.helpdeskBindings[0].origin',
    ],
    ['settings.profile unknown', set(base, ['settings', 'profile'], 'freshdesk'), 'settings.profile'],
    ['settings.idleSeconds 0', set(base, ['settings', 'idleSeconds'], 0), 'settings.idleSeconds'],
    ['settings.retentionDays 1e308', set(base, ['settings', 'retentionDays'], 1e308), 'settings.retentionDays'],
    ['settings.calendar.timezone unknown', set(base, ['settings', 'calendar', 'timezone'], 'Nowhere/City'), 'settings.calendar.timezone'],
    ['settings.notifications a string', set(base, ['settings', 'notifications'], 'on'), 'settings.notifications'],
    ['settings.capacityPerAgent -1', set(base, ['settings', 'capacityPerAgent'], -1), 'settings.capacityPerAgent'],
    ['settings.hourlyCost a string', set(base, ['settings', 'hourlyCost'], '40€'), 'settings.hourlyCost'],
    [
      '"__proto__" settings',
      set(base, ['settings'], JSON.parse('{"__proto__": {"profile": "zendesk"}, "profile": "nope"}')),
      'settings.profile',
    ],
    ['timelines missing', del(base, ['timelines']), 'timelines'],
    ['timeline without source', del(base, ['timelines', 0, 'source']), 'timelines[0]'],
    ['reviews missing', del(base, ['reviews']), 'reviews'],
    ['reviewedAt 1e308', set(base, ['reviews', 0, 'reviewedAt'], 1e308), 'reviews[0].reviewedAt'],
    ['reviewedAt negative', set(base, ['reviews', 0, 'reviewedAt'], -1), 'reviews[0].reviewedAt'],
    ['review score 2', set(base, ['reviews', 0, 'score'], 2), 'reviews[0].score'],
    ['review answer maybe', set(base, ['reviews', 0, 'answers'], { greeting: 'maybe' }), 'reviews[0].answers'],
    ['two reviews of one conversation', set(base, ['reviews'], [base.reviews[0], base.reviews[0]]), 'reviews[1].conversationKey'],
    ['outcome tag happy', set(base, ['outcomes', 0, 'tags'], ['happy']), 'outcomes[0].tags[0]'],
    ['outcome updatedAt year 3000', set(base, ['outcomes', 0, 'updatedAt'], Date.parse('3000-01-01T00:00:00Z')), 'outcomes[0].updatedAt'],
    ['imports a string', set(base, ['imports'], 'none'), 'imports'],
    [
      'imported file with a bad id',
      set(
        base,
        ['imports', 'files'],
        [{ fileId: 'x', fileName: 'a.json', sourceAgentId: null, helpdesk: null, period: null, conversations: 0, importedAt: 1.7e12 }],
      ),
      'imports.files[0].fileId',
    ],
    [
      'imported conversation of a missing file',
      set(
        base,
        ['imports', 'conversations'],
        [{ key: 'k', fileId: 'a'.repeat(64), sourceAgentId: null, importedAt: 1.7e12, conversation: BASE_TIMELINE.conversations[1] }],
      ),
      'imports.conversations[0].fileId',
    ],
    ['format of a future version', set(base, ['format'], 'replyline.backup/2'), 'format'],
  ];
  for (const [name, doc, path] of own) cases.push({ name, text: texts(doc), path });
  for (const whole of wholeFile(texts(base), 'backup')) cases.push(whole);
  return cases;
}
