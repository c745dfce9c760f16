import { describe, expect, it } from 'vitest';
import { startToolbarButton, type ToolbarApis } from '../../../lib/background/toolbar';

function recorder() {
  const calls: string[] = [];
  let clickListener: (() => void) | null = null;
  const sidePanel = {
    setPanelBehavior: async (behavior: { openPanelOnActionClick: boolean }) => {
      calls.push(`setPanelBehavior ${JSON.stringify(behavior)}`);
    },
  };
  const sidebarAction = {
    toggle: async () => {
      calls.push('toggle');
    },
  };
  const action = {
    onClicked: {
      addListener: (listener: () => void) => {
        calls.push('action.onClicked.addListener');
        clickListener = listener;
      },
    },
  };
  return { calls, sidePanel, sidebarAction, action, click: () => clickListener?.() };
}

describe('toolbar button', () => {
  it('Chrome: lets the side panel open on the click and adds no click listener', () => {
    const r = recorder();
    const apis: ToolbarApis = { sidePanel: r.sidePanel, action: r.action };
    expect(startToolbarButton(apis)).toBe('side-panel');
    expect(r.calls).toEqual(['setPanelBehavior {"openPanelOnActionClick":true}']);
  });

  it('Firefox: toggles the sidebar synchronously inside the click (a user action)', () => {
    const r = recorder();
    const apis: ToolbarApis = { sidebarAction: r.sidebarAction, action: r.action };
    expect(startToolbarButton(apis)).toBe('sidebar');
    expect(r.calls).toEqual(['action.onClicked.addListener']);
    r.click();
    // No await between the click and toggle(): Firefox refuses toggle() outside the user's action.
    expect(r.calls).toEqual(['action.onClicked.addListener', 'toggle']);
    r.click();
    expect(r.calls).toEqual(['action.onClicked.addListener', 'toggle', 'toggle']);
  });

  it('a browser with neither panel API gets no listener', () => {
    const r = recorder();
    expect(startToolbarButton({ action: r.action })).toBe('none');
    expect(r.calls).toEqual([]);
  });

  it('a failed toggle (the click was not a user action after all) does not throw', async () => {
    const r = recorder();
    startToolbarButton({
      sidebarAction: { toggle: () => Promise.reject(new Error('sidebarAction.toggle may only be called from a user input handler')) },
      action: r.action,
    });
    expect(() => r.click()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
