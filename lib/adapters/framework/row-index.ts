/**
 * The rows of the list on screen, by element, for the incremental list read: each row's view
 * (conversation id, element, last valid reading), the page order (ListRows' rows), and which
 * conversations are shown on more than one row. A small change never walks every row: the
 * ordered list is only built when someone reads it.
 */
import type { RowView } from './view';

export class RowIndex {
  private readonly byElement = new Map<Element, RowView>();
  private listed: readonly { element: Element }[] = [];
  /** How many rows show each conversation; ids on more than one row are in `shared`. */
  private readonly rowsPerId = new Map<string, number>();
  readonly shared = new Set<string>();

  get size(): number {
    return this.listed.length;
  }

  get(element: Element): RowView | undefined {
    return this.byElement.get(element);
  }

  /** The page order, as ListRows last reported it. */
  setOrder(rows: readonly { element: Element }[]): void {
    this.listed = rows;
  }

  inOrder(): RowView[] {
    const out: RowView[] = [];
    for (const { element } of this.listed) {
      const rowView = this.byElement.get(element);
      if (rowView) out.push(rowView);
    }
    return out;
  }

  /** Keeps the count of rows per conversation (and so the shared ones) as rows come and go. */
  remember(rowView: RowView): void {
    this.forget(rowView.element);
    this.byElement.set(rowView.element, rowView);
    const count = (this.rowsPerId.get(rowView.conversationId) ?? 0) + 1;
    this.rowsPerId.set(rowView.conversationId, count);
    if (count > 1) this.shared.add(rowView.conversationId);
  }

  forget(element: Element): boolean {
    const rowView = this.byElement.get(element);
    if (!rowView) return false;
    this.byElement.delete(element);
    const count = this.rowsPerId.get(rowView.conversationId)! - 1;
    if (count === 0) this.rowsPerId.delete(rowView.conversationId);
    else this.rowsPerId.set(rowView.conversationId, count);
    if (count < 2) this.shared.delete(rowView.conversationId);
    return true;
  }
}
