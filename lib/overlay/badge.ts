/** The waiting-time badge on one inbox row. */
import type { ClockPlan } from '../messaging/protocol';
import { createHost, el, setAttr, setClass, setText } from './dom';
import { badgeModel, badgeModelChangesAt } from './format';
import { BADGE_CSS } from './styles';

export class RowBadge {
  readonly host: HTMLElement;
  private readonly pill: HTMLElement;
  private readonly text: HTMLElement;
  conversationId = '';
  waitingSince: number | null | undefined = undefined;
  plan: ClockPlan | undefined = undefined;
  /** Inputs and validity interval of the text on screen. */
  private shownSince: number | null | undefined = undefined;
  private shownPlan: ClockPlan | undefined = undefined;
  private shownAt = Infinity;
  private shownUntil = -Infinity;

  constructor(doc: Document) {
    const { host, shadow } = createHost(doc, 'span', 'badge', BADGE_CSS);
    this.host = host;
    this.pill = el(doc, 'span', 'pill');
    this.pill.setAttribute('role', 'img');
    const dot = el(doc, 'span', 'dot');
    dot.setAttribute('aria-hidden', 'true');
    this.text = el(doc, 'span', 'text');
    this.text.setAttribute('aria-hidden', 'true');
    this.pill.append(dot, this.text);
    shadow.append(this.pill);
  }

  update(now: number): void {
    // What is shown only changes at known instants: until then a tick costs one comparison.
    if (this.waitingSince === this.shownSince && this.plan === this.shownPlan && now >= this.shownAt && now < this.shownUntil) return;
    const model = badgeModel(this.waitingSince, this.plan, now);
    setText(this.text, model.text);
    setClass(this.pill, `pill tone-${model.tone}`);
    setAttr(this.pill, 'aria-label', model.label);
    setAttr(this.pill, 'title', model.label);
    this.shownSince = this.waitingSince;
    this.shownPlan = this.plan;
    this.shownAt = now;
    this.shownUntil = badgeModelChangesAt(this.waitingSince, this.plan, now);
  }
}
