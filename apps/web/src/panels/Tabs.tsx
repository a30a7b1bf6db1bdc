import { type KeyboardEvent, type ReactNode, useId } from 'react';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';

export interface TabSpec<Id extends string> {
  readonly id: Id;
  readonly title: MessageKey;
  /** Shown after the title, e.g. how many alarms wait in that tab. */
  readonly badge?: ReactNode;
  render(): ReactNode;
}

export interface TabsProps<Id extends string> {
  tabs: readonly TabSpec<Id>[];
  selected: NoInfer<Id>;
  onSelect(id: NoInfer<Id>): void;
  /** What the tab list is, for screen readers. */
  label: MessageKey;
  /** Tabs are `<prefix>-<id>`, the panel `<prefix>-panel-<id>`, for tests. */
  testIdPrefix: string;
}

/**
 * A tab list with its one open panel, as the WAI-ARIA tabs pattern has it: arrow keys move between
 * tabs, only the selected tab is in the tab order, and the panel is labelled by its tab.
 */
export function Tabs<Id extends string>({ tabs, selected, onSelect, label, testIdPrefix }: TabsProps<Id>) {
  const { t } = useT();
  const base = useId();
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((tab) => tab.id === current?.id);
    const step = {
      ArrowRight: 1,
      ArrowLeft: tabs.length - 1,
      Home: tabs.length - i,
      End: tabs.length - 1 - i,
    };
    const by = step[e.key as keyof typeof step];
    if (by === undefined) return;
    e.preventDefault();
    const next = tabs[(i + by) % tabs.length];
    if (next) {
      onSelect(next.id);
      document.getElementById(`${base}-tab-${next.id}`)?.focus();
    }
  };

  if (!current) return null;
  return (
    <>
      <div className="tab-list" role="tablist" aria-label={t(label)} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${base}-tab-${tab.id}`}
            type="button"
            role="tab"
            data-testid={`${testIdPrefix}-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === current.id ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {t(tab.title)}
            {tab.badge}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        className="tab-panel"
        data-testid={`${testIdPrefix}-panel-${current.id}`}
        aria-labelledby={`${base}-tab-${current.id}`}
      >
        {current.render()}
      </div>
    </>
  );
}
