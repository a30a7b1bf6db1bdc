import {
  type AssignmentView,
  assignmentTransitions,
  type IncidentDetail,
  type IncidentEvent,
  type IncidentLevel,
  type IncidentStatus,
  incidentLevels,
  incidentStatuses,
  suggestIncidentLevel,
  teamStatuses,
  terminalIncidentStatuses,
} from '@onemap/domain';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { fieldErrorsOf } from '../../data/errors';
import { useMay } from '../../data/session';
import { useTRPC } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Field, FormError } from '../../panels/admin/fields';
import { CloseButton } from '../../panels/CloseButton';
import { useCamera } from '../../state/camera';
import { IncidentCard } from './IncidentCard';
import { useIncidentsUi } from './store';
import { timelineText } from './timeline-text';
import { useIncident, useOpenIncidents, useRecommendation, useRefreshIncidents } from './use-incidents';

/** Close enough to tell streets apart, far enough to see the teams coming from nearby towns. */
const SCENE_ZOOM = 10;

/** 事件处置: one incident's card, its next steps, what to send, who is out, and its timeline. */
export function IncidentDetails({ id, onClose }: { id: number; onClose(): void }) {
  const { t } = useT();
  const incident = useIncident(id);
  const moveTo = useCamera((s) => s.moveTo);
  const data = incident.data;
  // Opening an incident brings its scene into view, once: the operator may pan away afterwards.
  const shown = useRef<number | null>(null);
  useEffect(() => {
    if (!data || shown.current === data.id) return;
    shown.current = data.id;
    moveTo({ kind: 'point', lon: data.lon, lat: data.lat, zoom: SCENE_ZOOM });
  }, [data, moveTo]);
  if (!data) {
    return (
      <div className="incident-details" data-testid="incident-details">
        <div className="workbench-head">
          <p className="muted">{incident.isError ? t('incidents.loadFailed') : t('detail.loading')}</p>
          <CloseButton label={t('incidents.close')} onClick={onClose} />
        </div>
      </div>
    );
  }
  return (
    <div className="incident-details" data-testid="incident-details" data-incident={data.code}>
      <div className="workbench-head">
        <button
          type="button"
          className="text-button mono"
          data-testid="incident-code"
          title={t('incidents.showOnMap')}
          onClick={() => moveTo({ kind: 'point', lon: data.lon, lat: data.lat, zoom: SCENE_ZOOM })}
        >
          {data.code}
        </button>
        <CloseButton label={t('incidents.close')} onClick={onClose} testId="incident-close" />
      </div>
      <IncidentCard incident={data} />
      {data.description && <p className="incident-description">{data.description}</p>}
      <Transitions incident={data} />
      <Assessment incident={data} />
      {(data.status === 'verified' || data.status === 'responding' || data.status === 'stabilized') && (
        <Recommendation incident={data} />
      )}
      <Assignments incident={data} />
      <Timeline incident={data} />
    </div>
  );
}

const FIGURES = ['deaths', 'missing', 'seriouslyInjured', 'injured'] as const;
type Figure = (typeof FIGURES)[number];

/**
 * 研判: new casualty figures or a new level. The level the figures call for is shown as they are
 * typed; a level below it is refused by the server, named beside the level.
 */
function Assessment({ incident }: { incident: IncidentDetail }) {
  const { t, label } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const mayManage = useMay('incidents.manage');
  const assess = useMutation(trpc.incidents.assess.mutationOptions());
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<IncidentLevel>(incident.level);
  const [figures, setFigures] = useState<Record<Figure, string>>(() => ({
    deaths: String(incident.casualties.deaths),
    missing: String(incident.casualties.missing),
    seriouslyInjured: String(incident.casualties.seriouslyInjured),
    injured: String(incident.casualties.injured),
  }));
  if (!mayManage || terminalIncidentStatuses.includes(incident.status)) return null;
  if (!open) {
    return (
      <button
        type="button"
        className="text-button"
        data-testid="incident-assess"
        onClick={() => setOpen(true)}
      >
        {t('incidents.assess')}
      </button>
    );
  }
  const counts = Object.fromEntries(
    FIGURES.map((f) => [f, Number(figures[f])]).filter(([, n]) => Number.isInteger(n) && (n as number) >= 0),
  ) as Partial<Record<Figure, number>>;
  const suggested = suggestIncidentLevel({ type: incident.type, ...counts });
  const save = async () => {
    const ok = await assess
      .mutateAsync({ id: incident.id, level, casualties: counts })
      .then(() => true)
      .catch(() => false);
    if (!ok) return;
    setOpen(false);
    await refresh();
  };
  const serverError = fieldErrorsOf(assess.error);
  return (
    <section className="incident-section" data-testid="incident-assessment">
      <div className="field-pair">
        {FIGURES.map((f) => (
          <Field key={f} label={t(`incidents.field.${f}`)} error={serverError[`casualties.${f}`]}>
            {(id, describedBy) => (
              <input
                id={id}
                inputMode="numeric"
                aria-describedby={describedBy}
                data-testid={`assess-${f}`}
                value={figures[f]}
                onChange={(e) => setFigures((x) => ({ ...x, [f]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label={t('incidents.field.level')} error={serverError.level}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            data-testid="assess-level"
            value={level}
            onChange={(e) => setLevel(e.target.value as IncidentLevel)}
          >
            {incidentLevels.codes.map((l) => (
              <option key={l} value={l}>
                {label(incidentLevels.labels[l])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="field-hint" data-testid="assess-suggestion">
        {t('incidents.level.suggested', { level: label(incidentLevels.labels[suggested.level]) })} ·{' '}
        {label(suggested.rule)}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="primary-button"
          data-testid="assess-save"
          disabled={assess.isPending}
          onClick={() => void save()}
        >
          {t('incidents.assessSave')}
        </button>
        <button type="button" className="text-button" onClick={() => setOpen(false)}>
          {t('incidents.cancel')}
        </button>
      </div>
    </section>
  );
}

function Transitions({ incident }: { incident: IncidentDetail }) {
  const { t, label } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const mayManage = useMay('incidents.manage');
  const transition = useMutation(trpc.incidents.transition.mutationOptions());
  const [into, setInto] = useState<number | ''>('');
  const others = (useOpenIncidents().data ?? []).filter((i) => i.id !== incident.id);
  if (!mayManage || incident.nextStatuses.length === 0) return null;
  const go = async (to: IncidentStatus) => {
    const ok = await transition
      .mutateAsync({ id: incident.id, to, ...(to === 'merged' && into !== '' ? { into } : {}) })
      .then(() => true)
      .catch(() => false);
    if (ok) await refresh();
  };
  return (
    <section className="incident-section" aria-label={t('incidents.nextSteps')}>
      <div className="form-actions">
        {incident.nextStatuses
          .filter((s) => s !== 'merged')
          .map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'cancelled' ? 'text-button is-danger' : 'secondary-button'}
              data-testid={`incident-to-${to}`}
              disabled={transition.isPending}
              onClick={() => void go(to)}
            >
              {label(incidentStatuses.labels[to])}
            </button>
          ))}
      </div>
      {incident.nextStatuses.includes('merged') && others.length > 0 && (
        <div className="form-actions">
          <select
            aria-label={t('incidents.mergeInto')}
            data-testid="incident-merge-into"
            value={into}
            onChange={(e) => setInto(e.target.value ? Number(e.target.value) : '')}
          >
            <option value="">{t('incidents.mergeInto')}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} {o.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="text-button"
            data-testid="incident-to-merged"
            disabled={into === '' || transition.isPending}
            onClick={() => void go('merged')}
          >
            {label(incidentStatuses.labels.merged)}
          </button>
        </div>
      )}
      <FormError error={transition.error} />
    </section>
  );
}

function Recommendation({ incident }: { incident: IncidentDetail }) {
  const { t, label } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const mayDispatch = useMay('dispatch.command');
  const recommendation = useRecommendation(incident.id);
  const chosen = useIncidentsUi((s) => s.chosenTeams);
  const setChosen = useIncidentsUi((s) => s.setChosenTeams);
  const [task, setTask] = useState('');
  const dispatch = useMutation(trpc.dispatch.dispatch.mutationOptions());
  const r = recommendation.data;
  const toggle = (code: string) =>
    setChosen(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  const send = async () => {
    const ok = await dispatch
      .mutateAsync({
        incidentId: incident.id,
        teamCodes: [...chosen],
        task: task || t('incidents.defaultTask'),
      })
      .then(() => true)
      .catch(() => false);
    if (!ok) return;
    setChosen([]);
    setTask('');
    await refresh();
  };
  return (
    <section className="incident-section" data-testid="incident-recommendation">
      <h4>{t('incidents.recommendation')}</h4>
      {!r ? (
        <p className="muted">{recommendation.isError ? t('incidents.loadFailed') : t('detail.loading')}</p>
      ) : r.teams.length === 0 ? (
        <p className="muted">{t('incidents.noTeams')}</p>
      ) : (
        <ul className="plain-list recommended-teams">
          {r.teams.map((team) => (
            <li key={team.teamCode} data-testid={`recommended-${team.teamCode}`}>
              {mayDispatch ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.includes(team.teamCode)}
                    onChange={() => toggle(team.teamCode)}
                    data-testid={`choose-${team.teamCode}`}
                  />
                  <TeamHead name={team.teamName} eta={team.etaMinutes} />
                </label>
              ) : (
                <div className="checkbox">
                  <TeamHead name={team.teamName} eta={team.etaMinutes} />
                </div>
              )}
              <span className="muted small">
                {t('incidents.km', { km: team.distanceKm })} · {label(team.why)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayDispatch && r && r.teams.length > 0 && (
        <div className="dispatch-order">
          <input
            aria-label={t('incidents.task')}
            placeholder={t('incidents.task')}
            data-testid="dispatch-task"
            value={task}
            onChange={(e) => setTask(e.target.value)}
          />
          <button
            type="button"
            className="primary-button"
            data-testid="dispatch-send"
            disabled={chosen.length === 0 || dispatch.isPending}
            onClick={() => void send()}
          >
            {t('incidents.dispatch', { n: chosen.length })}
          </button>
        </div>
      )}
      <FormError error={dispatch.error} />
      {r && (r.depots.length > 0 || r.hospitals.length > 0 || r.shelters.length > 0) && (
        <dl className="fact-rows nearby">
          {r.depots.length > 0 && (
            <>
              <dt>{t('incidents.depots')}</dt>
              <dd data-testid="recommended-depots">
                {r.depots
                  .slice(0, 3)
                  .map((d) => `${d.name}（${t('incidents.eta', { min: d.etaMinutes })}）`)
                  .join('；')}
              </dd>
            </>
          )}
          {r.hospitals.length > 0 && (
            <>
              <dt>{t('incidents.hospitals')}</dt>
              <dd>
                {r.hospitals
                  .slice(0, 3)
                  .map((h) => `${h.name} ${t('incidents.km', { km: h.distanceKm })}`)
                  .join('；')}
              </dd>
            </>
          )}
          {r.shelters.length > 0 && (
            <>
              <dt>{t('incidents.shelters')}</dt>
              <dd>
                {r.shelters
                  .slice(0, 3)
                  .map((s) => `${s.name} ${t('incidents.km', { km: s.distanceKm })}`)
                  .join('；')}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function TeamHead({ name, eta }: { name: string; eta: number }) {
  const { t } = useT();
  return (
    <>
      <span className="team-name">{name}</span>
      <span className="team-eta mono">{t('incidents.eta', { min: Math.round(eta) })}</span>
    </>
  );
}

const ENDED = new Set<AssignmentView['status']>(['completed', 'recalled']);

function Assignments({ incident }: { incident: IncidentDetail }) {
  const { t, label } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const mayReport = useMay('assignments.report');
  const step = useMutation(trpc.dispatch.step.mutationOptions());
  if (incident.assignments.length === 0) return null;
  const move = async (assignmentId: number, to: 'en_route' | 'on_scene' | 'returning' | 'available') => {
    const ok = await step
      .mutateAsync({ assignmentId, to })
      .then(() => true)
      .catch(() => false);
    if (ok) await refresh();
  };
  return (
    <section className="incident-section" data-testid="incident-assignments">
      <h4>{t('incidents.assignments')}</h4>
      <ul className="plain-list">
        {incident.assignments.map((a) => {
          const ended = ENDED.has(a.status);
          const next =
            ended || a.status === 'unavailable'
              ? []
              : assignmentTransitions[a.status as keyof typeof assignmentTransitions];
          return (
            <li
              key={a.id}
              className="assignment-row"
              data-testid={`assignment-${a.teamCode}`}
              data-status={a.status}
            >
              <div>
                <span className="team-name">{a.teamName}</span>{' '}
                <span className="assignment-status" data-testid="assignment-status">
                  {ended
                    ? t(`incidents.assignment.${a.status as 'completed' | 'recalled'}`)
                    : label(teamStatuses.labels[a.status as keyof typeof teamStatuses.labels])}
                </span>
                {a.etaMinutes !== null && (
                  <span className="mono team-eta" data-testid="assignment-eta">
                    {t('incidents.eta', { min: Math.round(a.etaMinutes) })}
                  </span>
                )}
                {a.arrivalSource === 'geofence' && (
                  <span className="muted small"> {t('incidents.byGeofence')}</span>
                )}
              </div>
              {mayReport && next.length > 0 && (
                <div className="form-actions">
                  {next.map((to) => (
                    <button
                      key={to}
                      type="button"
                      className="text-button"
                      data-testid={`assignment-${a.teamCode}-to-${to}`}
                      disabled={step.isPending}
                      onClick={() =>
                        void move(a.id, to as 'en_route' | 'on_scene' | 'returning' | 'available')
                      }
                    >
                      {to === 'available' && a.status !== 'returning'
                        ? t('incidents.recall')
                        : label(teamStatuses.labels[to])}
                    </button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <FormError error={step.error} />
    </section>
  );
}

function Timeline({ incident }: { incident: IncidentDetail }) {
  const { t, language } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const mayManage = useMay('incidents.manage');
  const note = useMutation(trpc.incidents.note.mutationOptions());
  const [text, setText] = useState('');
  const add = async () => {
    const ok = await note
      .mutateAsync({ id: incident.id, text })
      .then(() => true)
      .catch(() => false);
    if (!ok) return;
    setText('');
    await refresh();
  };
  return (
    <section className="incident-section" data-testid="incident-timeline">
      <h4>{t('incidents.timeline')}</h4>
      <ol className="plain-list timeline">
        {[...incident.timeline].reverse().map((e: IncidentEvent) => (
          <li key={e.id} data-kind={e.kind}>
            <span className="mono muted small">{formatDateTime(e.at)}</span>{' '}
            <span className="timeline-actor">{e.actor}</span> <span>{timelineText(e, language)}</span>
          </li>
        ))}
      </ol>
      {mayManage && (
        <div className="timeline-note">
          <textarea
            rows={2}
            aria-label={t('incidents.note')}
            placeholder={t('incidents.note')}
            data-testid="incident-note"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            type="button"
            className="secondary-button"
            data-testid="incident-note-add"
            disabled={text.trim() === '' || note.isPending}
            onClick={() => void add()}
          >
            {t('incidents.addNote')}
          </button>
        </div>
      )}
    </section>
  );
}
