import {
  publicReportCategories,
  type ReportCluster,
  type ReportView,
  reportCategoryIncidentType,
} from '@onemap/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { formatRelativeTime } from '../../i18n/relative-time';
import { useT } from '../../i18n/use-t';
import { FormError } from '../../panels/admin/fields';
import { useCamera } from '../../state/camera';
import { useNow } from '../alarms/use-now';
import { useIncidentsUi } from './store';
import { useRefreshIncidents, useReportQueue } from './use-incidents';

/**
 * 群众报告: the public's reports waiting for review, nearby ones grouped as a possible incident.
 * A report is opened as an incident (it becomes its verified source), merged into the incident
 * open in the workbench, or rejected with a reason.
 */
export function ReportQueue() {
  const { t } = useT();
  const queue = useReportQueue(true);
  const startIntake = useIncidentsUi((s) => s.startIntake);
  const reports = queue.data?.reports ?? [];
  const clusters = queue.data?.clusters ?? [];
  if (queue.isError) return <p className="muted">{t('incidents.loadFailed')}</p>;
  if (reports.length === 0) {
    return (
      <p className="muted" data-testid="reports-empty">
        {queue.isPending ? t('detail.loading') : t('reports.none')}
      </p>
    );
  }
  const inCluster = new Set(clusters.flatMap((c) => c.reportIds));
  return (
    <div className="report-queue" data-testid="report-queue">
      {clusters.map((c) => (
        <ClusterRow key={c.id} cluster={c} reports={reports} onOpen={startIntake} />
      ))}
      <ul className="plain-list">
        {reports
          .filter((r) => !inCluster.has(r.id))
          .map((r) => (
            <ReportRow key={r.id} report={r} />
          ))}
      </ul>
    </div>
  );
}

function ClusterRow({
  cluster,
  reports,
  onOpen,
}: {
  cluster: ReportCluster;
  reports: readonly ReportView[];
  onOpen: ReturnType<typeof useIncidentsUi.getState>['startIntake'];
}) {
  const { t, label } = useT();
  const members = reports.filter((r) => cluster.reportIds.includes(r.id));
  return (
    <section className="report-cluster" data-testid={`report-cluster-${cluster.id}`}>
      <p>
        {t('reports.cluster', { n: cluster.reportIds.length })} ·{' '}
        {cluster.categories.map((c) => label(publicReportCategories.labels[c])).join('、')}
      </p>
      <button
        type="button"
        className="secondary-button"
        data-testid={`report-cluster-open-${cluster.id}`}
        onClick={() =>
          onOpen({
            source: 'report',
            lon: cluster.lon,
            lat: cluster.lat,
            ...(cluster.suggestedType ? { type: cluster.suggestedType } : {}),
            description: members.map((m) => m.description).join('\n'),
            fromReportIds: cluster.reportIds,
          })
        }
      >
        {t('reports.openIncident')}
      </button>
      <ul className="plain-list">
        {members.map((r) => (
          <ReportRow key={r.id} report={r} />
        ))}
      </ul>
    </section>
  );
}

function ReportRow({ report }: { report: ReportView }) {
  const { t, label, language } = useT();
  const trpc = useTRPC();
  const refresh = useRefreshIncidents();
  const now = useNow(30_000);
  const focused = useIncidentsUi((s) => s.focused);
  const startIntake = useIncidentsUi((s) => s.startIntake);
  const moveTo = useCamera((s) => s.moveTo);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const reject = useMutation(trpc.reports.reject.mutationOptions());
  const merge = useMutation(trpc.reports.merge.mutationOptions());
  const done = async (work: Promise<unknown>) => {
    if (await work.then(() => true).catch(() => false)) await refresh();
  };
  const type = reportCategoryIncidentType[report.category];
  return (
    <li className="report-row" data-testid={`report-${report.reference}`}>
      <div className="report-head">
        <span className="report-category">{label(publicReportCategories.labels[report.category])}</span>
        <span className="muted small">{formatRelativeTime(report.receivedAt, now, language)}</span>
        {report.regionName && <span className="muted small">{report.regionName}</span>}
      </div>
      <p className="report-text">{report.description}</p>
      {report.hasPhoto && (
        <a href={`/api/v1/reports/${report.id}/photo`} target="_blank" rel="noreferrer">
          <img
            className="report-photo"
            src={`/api/v1/reports/${report.id}/photo`}
            alt={t('reports.photo')}
            loading="lazy"
            data-testid="report-photo"
          />
        </a>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="text-button"
          onClick={() => moveTo({ kind: 'point', lon: report.lon, lat: report.lat, zoom: 13 })}
        >
          {t('incidents.showOnMap')}
        </button>
        <button
          type="button"
          className="secondary-button"
          data-testid={`report-open-${report.reference}`}
          onClick={() =>
            startIntake({
              source: 'report',
              lon: report.lon,
              lat: report.lat,
              ...(type ? { type } : {}),
              description: report.description,
              fromReportIds: [report.id],
            })
          }
        >
          {t('reports.openIncident')}
        </button>
        {focused !== null && (
          <button
            type="button"
            className="text-button"
            data-testid={`report-merge-${report.reference}`}
            disabled={merge.isPending}
            onClick={() => void done(merge.mutateAsync({ ids: [report.id], incidentId: focused }))}
          >
            {t('reports.mergeIntoOpen')}
          </button>
        )}
        <button
          type="button"
          className="text-button is-danger"
          data-testid={`report-reject-${report.reference}`}
          onClick={() => setRejecting((r) => !r)}
        >
          {t('reports.reject')}
        </button>
      </div>
      {rejecting && (
        <div className="form-actions">
          <input
            aria-label={t('reports.rejectReason')}
            placeholder={t('reports.rejectReason')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid={`report-reject-note-${report.reference}`}
          />
          <button
            type="button"
            className="secondary-button"
            disabled={note.trim() === '' || reject.isPending}
            data-testid={`report-reject-confirm-${report.reference}`}
            onClick={() => void done(reject.mutateAsync({ ids: [report.id], note }))}
          >
            {t('reports.reject')}
          </button>
        </div>
      )}
      <FormError error={reject.error ?? merge.error} />
    </li>
  );
}
