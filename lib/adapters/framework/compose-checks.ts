/**
 * Quality checks of the reply being written, computed inside the page from the compose box's
 * text. Only the resulting booleans leave the page: the draft, the customer's name and the
 * customer's message are compared here and then dropped, never sent or stored.
 *
 * The checks are deliberately simple and predictable (an agent can see why an item is ticked):
 * - greeting: the draft's first line starts with a common greeting (English, German, French,
 *   Spanish), e.g. "Hi", "Hello", "Dear", "Guten Tag", "Bonjour", "Hola".
 * - customerName: the draft contains the customer's full name or any part of it (first name,
 *   or surname as in "Frau Müller" / "Ms Jensen") as a whole word, ignoring case and accents;
 *   parts shorter than 2 letters never match.
 * - closing: one of the draft's last two non-empty lines starts with a common sign-off
 *   ("Best regards", "Thanks", "Cheers", "Viele Grüße", "Cordialement", "Saludos"...).
 * - answersQuestion: false only when the customer's last message asked something (contains
 *   a '?') and the draft is shorter than ANSWER_MIN_CHARS characters once greeting and closing
 *   lines are set aside — a question left with an empty or one-word reply is unanswered.
 */

export interface ComposeChecks {
  greeting: boolean;
  customerName: boolean;
  closing: boolean;
  answersQuestion: boolean;
}

export interface ComposeContext {
  /** The customer's name as the page shows it; null when the page does not show one. */
  customerName: string | null;
  /** True when the customer's latest message contains a question mark. */
  customerAsked: boolean;
}

/** Characters of body text (greeting and closing lines aside) that count as an answer. */
export const ANSWER_MIN_CHARS = 20;

const GREETINGS = [
  // English
  'hi',
  'hello',
  'hey',
  'dear',
  'good morning',
  'good afternoon',
  'good evening',
  'greetings',
  'thanks for reaching out',
  'thank you for reaching out',
  'thank you for contacting',
  // German
  'hallo',
  'guten tag',
  'guten morgen',
  'guten abend',
  'liebe',
  'lieber',
  'sehr geehrte',
  'sehr geehrter',
  'servus',
  'moin',
  // French
  'bonjour',
  'bonsoir',
  'salut',
  'cher',
  'chère',
  // Spanish
  'hola',
  'buenos días',
  'buenas tardes',
  'buenas noches',
  'estimado',
  'estimada',
  'querido',
  'querida',
];

const CLOSINGS = [
  // English
  'best',
  'best regards',
  'kind regards',
  'regards',
  'warm regards',
  'thanks',
  'thank you',
  'many thanks',
  'cheers',
  'sincerely',
  'all the best',
  'have a great day',
  'have a nice day',
  'talk soon',
  'take care',
  // German
  'viele grüße',
  'beste grüße',
  'liebe grüße',
  'freundliche grüße',
  'mit freundlichen grüßen',
  'schöne grüße',
  'danke',
  'vielen dank',
  'gruß',
  'grüße',
  // French
  'cordialement',
  'bien cordialement',
  'bien à vous',
  'merci',
  'bonne journée',
  'bonne soirée',
  'à bientôt',
  'salutations',
  // Spanish
  'saludos',
  'un saludo',
  'atentamente',
  'gracias',
  'muchas gracias',
  'un abrazo',
  'que tengas un buen día',
];

/** Lower case without accents, so that "Grüße" / "grusse" and "Chère" / "chere" compare. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

const FOLDED_GREETINGS = GREETINGS.map(fold);
const FOLDED_CLOSINGS = CLOSINGS.map(fold);

/** True when `line` starts with one of `phrases` followed by a non-letter (or the end). */
function startsWithPhrase(line: string, phrases: readonly string[]): boolean {
  const folded = fold(line.trim());
  return phrases.some((phrase) => folded.startsWith(phrase) && !/\p{L}/u.test(folded.charAt(phrase.length)));
}

function lines(draft: string): string[] {
  return draft
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function hasGreeting(draft: string): boolean {
  const first = lines(draft)[0];
  return first !== undefined && startsWithPhrase(first, FOLDED_GREETINGS);
}

export function hasClosing(draft: string): boolean {
  const all = lines(draft);
  // A one-line draft has no separate closing line; "Thanks for writing" alone is not a sign-off.
  if (all.length < 2) return false;
  return all.slice(-2).some((line) => startsWithPhrase(line, FOLDED_CLOSINGS));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function mentionsName(draft: string, customerName: string | null): boolean {
  if (!customerName) return false;
  const full = fold(customerName.trim());
  const text = fold(draft);
  return [full, ...full.split(/\s+/)].some((name) => {
    if (name.length < 2) return false;
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, 'u').test(text);
  });
}

export function answersQuestion(draft: string, customerAsked: boolean): boolean {
  if (!customerAsked) return true;
  const all = lines(draft);
  const body = all.filter((line, index) => {
    if (index === 0 && startsWithPhrase(line, FOLDED_GREETINGS) && line.length <= 40) return false;
    if (index >= all.length - 2 && all.length >= 2 && startsWithPhrase(line, FOLDED_CLOSINGS) && line.length <= 40) return false;
    return true;
  });
  return body.join(' ').replace(/\s+/g, ' ').length >= ANSWER_MIN_CHARS;
}

export function composeChecks(draft: string, context: ComposeContext): ComposeChecks {
  return {
    greeting: hasGreeting(draft),
    customerName: mentionsName(draft, context.customerName),
    closing: hasClosing(draft),
    answersQuestion: answersQuestion(draft, context.customerAsked),
  };
}

/** The compose box's text: a textarea / input value, else a contenteditable's text. */
export function composeText(box: Element): string {
  const value = (box as { value?: unknown }).value;
  if (typeof value === 'string') return value;
  return (box as HTMLElement).innerText ?? box.textContent ?? '';
}
