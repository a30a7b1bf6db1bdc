import type { Permission } from '@onemap/domain';
import type { ComponentType } from 'react';
import type { LinkData } from '../data/comm-links';
import type { LayerViewStats } from '../data/use-layer-data';
import type { MessageKey } from '../i18n/messages';

export type PanelId = 'monitoring' | 'dispatch' | 'supervision' | 'decision' | 'admin';

/** What every panel gets from the shell: the map's current numbers, never a copy of server data. */
export interface PanelProps {
  stats: LayerViewStats;
  links: LinkData | undefined;
}

export interface PanelModule {
  readonly id: PanelId;
  readonly title: MessageKey;
  /** A glyph for the entry button, readable at a glance on the wall. */
  readonly icon: string;
  readonly Component: ComponentType<PanelProps>;
  /**
   * The permission a role needs to see the entry. Hiding is a courtesy: the API refuses the
   * panel's calls to anyone without it.
   */
  readonly requires?: Permission;
  /** Tables of records need more room than the side column's usual width. */
  readonly wide?: boolean;
  /** A count on the entry button (alarms waiting), shown whether or not the panel is open. */
  readonly Badge?: ComponentType;
}
