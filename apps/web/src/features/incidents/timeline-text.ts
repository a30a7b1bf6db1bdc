import {
  type IncidentEvent,
  incidentLevels,
  incidentStatuses,
  type Label,
  publicReportCategories,
  teamStatuses,
} from '@onemap/domain';
import type { Language } from '../../i18n/messages';

const words = {
  created: { zh: '接报', en: 'Taken in' },
  note: { zh: '备注', en: 'Note' },
  dispatch: { zh: '调派', en: 'Dispatched' },
  arrival: { zh: '到场', en: 'Arrived' },
  alarm: { zh: '关联报警', en: 'Linked alarm' },
  report: { zh: '关联群众报告', en: 'Linked public report' },
  merged: { zh: '合并事件', en: 'Merged in' },
  level: { zh: '等级', en: 'Level' },
  assessment: { zh: '研判', en: 'Assessment' },
  geofence: { zh: '（电子围栏）', en: ' (geofence)' },
} as const satisfies Record<string, Label>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const statusWord = (code: unknown, lang: Language) => {
  const l = incidentStatuses.labelOf(str(code)) ?? teamStatuses.labelOf(str(code));
  return l ? l[lang] : str(code);
};

/**
 * One timeline event in a line of the operator's language: "已核实 → 处置中", "调派 2 支队伍：…".
 * The details are the server's record of the event; unknown parts are left out, not guessed.
 */
export function timelineText(e: IncidentEvent, lang: Language): string {
  const d = e.details;
  switch (e.kind) {
    case 'created': {
      const level = incidentLevels.labelOf(str(d.level));
      return `${words.created[lang]}${level ? ` · ${level[lang]}` : ''}`;
    }
    case 'transition':
      return `${statusWord(d.from, lang)} → ${statusWord(d.to, lang)}${d.note ? ` · ${str(d.note)}` : ''}`;
    case 'note':
      return `${words.note[lang]}：${str(d.text)}`;
    case 'dispatch': {
      const teams = Array.isArray(d.teams) ? (d.teams as Array<{ name?: string }>) : [];
      return `${words.dispatch[lang]} ${teams.map((t) => t.name ?? '').join('、')} · ${str(d.task)}`;
    }
    case 'assignment':
    case 'arrival':
      return `${str(d.teamName) || str(d.team)} ${statusWord(d.from, lang)} → ${statusWord(d.to, lang)}${
        d.source === 'geofence' ? words.geofence[lang] : ''
      }`;
    case 'alarm_linked':
      return `${words.alarm[lang]} ${str(d.sensorCode)}`;
    case 'report_linked': {
      const category = publicReportCategories.labelOf(str(d.category));
      return `${words.report[lang]} ${str(d.reference)}${category ? ` · ${category[lang]}` : ''}`;
    }
    case 'merged_in':
      return `${words.merged[lang]} ${str(d.from)}`;
    case 'assessment': {
      const level = d.level as { from?: string; to?: string } | undefined;
      const to = level?.to ? incidentLevels.labelOf(level.to) : undefined;
      return `${words.assessment[lang]}${to ? ` · ${words.level[lang]} ${to[lang]}` : ''}${d.note ? ` · ${str(d.note)}` : ''}`;
    }
    default:
      return e.kind;
  }
}
