/**
 * The toolbar button opens Replyline's panel. Chrome opens the side panel by itself once told to
 * (`sidePanel.setPanelBehavior`); Firefox has no sidePanel API but a sidebar (`sidebar_action`),
 * which the button's click toggles. Firefox accepts `sidebarAction.toggle()` only while it handles
 * the user's click, so it is called in the listener itself, with nothing awaited before it.
 */
import { browser } from 'wxt/browser';

/** The parts of the browser's APIs the button uses; either panel API may be missing. */
export interface ToolbarApis {
  sidePanel?: { setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> };
  sidebarAction?: { toggle(): Promise<void> };
  action?: { onClicked: { addListener(listener: () => void): void } };
}

export type PanelKind = 'side-panel' | 'sidebar' | 'none';

/** Wires the button to whichever panel the browser has, and says which. */
export function startToolbarButton(apis: ToolbarApis): PanelKind {
  if (apis.sidePanel) {
    apis.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    return 'side-panel';
  }
  const sidebar = apis.sidebarAction;
  if (sidebar && apis.action) {
    apis.action.onClicked.addListener(() => {
      sidebar.toggle().catch(() => undefined);
    });
    return 'sidebar';
  }
  return 'none';
}

/** The running browser's APIs (Firefox's sidebarAction is not in the Chrome-shaped types). */
export function browserToolbarApis(): ToolbarApis {
  const apis = browser as unknown as ToolbarApis;
  return { sidePanel: apis.sidePanel, sidebarAction: apis.sidebarAction, action: apis.action };
}
