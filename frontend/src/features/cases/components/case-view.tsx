import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useSignedInUser } from '../../../app/auth-context.js';
import { ErrorState, LoadingState } from '../../../app/page-states.js';
import type { CaseQuery } from '../../../generated/graphql.js';
import { CASE_QUERY } from '../graphql/cases.graphql.js';
import { useNextCase } from '../hooks/use-next-case.js';
import { useSiteTimeZone } from '../hooks/use-site-time-zone.js';
import { buildTimelineSeries } from '../utils/build-timeline-series.js';
import {
  BAND_LABELS,
  DISPOSITION_LABELS,
  LEVEL_LABELS,
  REVIEW_STATUS_LABELS,
  SIGNAL_LABELS,
  describeExclusionCheck,
  describeSignal,
  explainCaseLevel,
  formatModality,
  formatOutcome,
  type CaseFacts,
} from '../utils/case-labels.js';
import { writeCaseListParams, parseCaseListParams } from '../utils/case-list-params.js';
import { formatDateTime, formatMsv, formatScore } from '../utils/format-case-values.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { AssignForm } from './assign-form.js';
import { ReviewForm } from './review-form.js';
import { TimelineTable } from './timeline-table.js';
import '../cases.css';

// Recharts is loaded only when a timeline is drawn
const TimelineChart = lazy(() =>
  import('./timeline-chart.js').then((module) => ({ default: module.TimelineChart })),
);

type CaseDetail = CaseQuery['case'];

const factsOf = (detail: CaseDetail): CaseFacts => ({
  level: detail.summary.level,
  requestedModality: detail.summary.requestedModality,
  outcomeModality: detail.summary.outcomeModality,
  outcome: detail.summary.outcome,
  band: detail.summary.band,
  ced5yMsv: detail.summary.ced5yMsv,
  ced12mMsv: detail.ced12mMsv,
  priorCts12m: detail.priorCts12m,
  signals: detail.summary.signals,
  exclusion: detail.summary.exclusion,
});

const Fact = ({ term, children }: { readonly term: string; readonly children: ReactNode }) => (
  <div>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </div>
);

const NextCaseLink = ({ caseId }: { readonly caseId: string }) => {
  const location = useLocation();
  const next = useNextCase(caseId);
  if (next.loading) return <span className="muted-note">Finding the next case…</span>;
  if (next.nextId === null)
    return <span className="muted-note">This is the last case in the list.</span>;
  const search = writeCaseListParams(
    { ...parseCaseListParams(new URLSearchParams(location.search)), after: next.after },
    new URLSearchParams(location.search),
  ).toString();
  return (
    <Link
      className="button-primary"
      to={`/cases/${encodeURIComponent(next.nextId)}${search ? `?${search}` : ''}`}
    >
      Next case →
    </Link>
  );
};

/** One case in plain words: why it was flagged, what was excluded, the patient's imaging, the review. */
export const CaseView = ({ caseId }: { readonly caseId: string }) => {
  const user = useSignedInUser();
  const timeZone = useSiteTimeZone();
  const location = useLocation();
  const { data, error } = useQuery(CASE_QUERY, { variables: { id: caseId } });
  const detail = data?.case;
  const series = useMemo(
    () => (detail?.timeline ? buildTimelineSeries(detail.timeline) : null),
    [detail?.timeline],
  );
  const backToList = `/cases${location.search}`;

  if (error) {
    return (
      <>
        <p className="case-actions">
          <Link to={backToList}>← Back to the cases</Link>
        </p>
        <ErrorState what="this case" error={error} />
      </>
    );
  }
  if (!detail) return <LoadingState what="the case" />;

  const summary = detail.summary;
  const facts = factsOf(detail);
  const canReview = user.role === 'QUALITY_MANAGER' || user.role === 'ADMIN';
  // a de-identified case (COMMITTEE) carries months, not instants
  const deidentified = summary.orderId === null;
  const name = deidentified
    ? `Case from ${formatMonthLabel(summary.month)}`
    : `Order ${summary.orderId}`;
  const when = deidentified
    ? formatMonthLabel(summary.month)
    : formatDateTime(summary.orderedAt, timeZone);
  const instant = (iso: string) =>
    deidentified ? formatMonthLabel(iso.slice(0, 7)) : formatDateTime(iso, timeZone);

  return (
    <>
      <p className="case-actions">
        <Link to={backToList}>← Back to the cases</Link>
        <NextCaseLink caseId={caseId} />
      </p>
      <header className="page-header">
        <div className="case-head">
          <h1>{name}</h1>
          <span className={`level level-${summary.level.toLowerCase()}`}>
            {LEVEL_LABELS[summary.level]}
          </span>
          <span>Score {formatScore(summary.score)} of 100</span>
          <span>
            Review: {REVIEW_STATUS_LABELS[summary.reviewStatus]}
            {summary.latestDisposition ? ` (${DISPOSITION_LABELS[summary.latestDisposition]})` : ''}
          </span>
        </div>
        <dl className="case-facts">
          <Fact term="Ordered">{when}</Fact>
          <Fact term="Department">{summary.department ?? 'Not recorded'}</Fact>
          <Fact term="Clinician">{summary.clinician?.label ?? 'Not recorded'}</Fact>
          <Fact term="Requested → outcome">
            {summary.requestedModality} → {formatModality(summary.outcomeModality)} (
            {formatOutcome(summary.outcome).toLowerCase()})
          </Fact>
          <Fact term="Indication">
            {summary.indicationGroup ?? 'Not mapped'}
            {detail.indicationCode ? ` (${detail.indicationCode})` : ''}
          </Fact>
          <Fact term="Setting and population">
            {summary.setting ?? 'Not recorded'}, {summary.population.toLowerCase()}
          </Fact>
          <Fact term="Dose history at the order">
            {BAND_LABELS[summary.band]}: {formatMsv(summary.ced5yMsv)} over 5 years
            {detail.ced12mMsv !== null ? `, ${formatMsv(detail.ced12mMsv)} over 12 months` : ''}
            {detail.priorCts12m !== null
              ? `, ${detail.priorCts12m} CT${detail.priorCts12m === 1 ? '' : 's'} in 12 months`
              : ''}
          </Fact>
          {summary.assignee ? <Fact term="Assigned to">{summary.assignee}</Fact> : null}
        </dl>
      </header>

      <div className="case-columns">
        <div>
          <section className="card case-section" aria-labelledby="why-heading">
            <h2 id="why-heading">Why it was flagged</h2>
            <p>{explainCaseLevel(facts)}</p>
            <ul className="evidence-list">
              {detail.signals.map((signal) => (
                <li key={signal.code}>
                  <span className="evidence-title">
                    {signal.code} · {SIGNAL_LABELS[signal.code]}
                  </span>
                  <br />
                  {signal.summary || describeSignal(signal.code, facts)}
                  {signal.explanation ? (
                    <span className="evidence-quote">Recorded: {signal.explanation}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>

          <section className="card case-section" aria-labelledby="pattern-heading">
            <h2 id="pattern-heading">The clinician&rsquo;s pattern</h2>
            {detail.clinicianPattern ? (
              <p>{detail.clinicianPattern.sentence}</p>
            ) : (
              <p className="muted-note">
                No pattern is available for this order&rsquo;s clinician.
              </p>
            )}
          </section>

          <section className="card case-section" aria-labelledby="exclusions-heading">
            <h2 id="exclusions-heading">Exclusions considered</h2>
            <p className="muted-note">
              Clinical reasons that make avoiding the exam legitimate; an excluded order is never
              counted as a conflict.
            </p>
            <ul className="exclusion-list">
              {detail.exclusionsConsidered.map((check) => (
                <li key={check.code} className={check.applied ? 'exclusion-applied' : undefined}>
                  {describeExclusionCheck(check)}
                </li>
              ))}
            </ul>
          </section>

          <section className="card case-section" aria-labelledby="order-heading">
            <h2 id="order-heading">The order and its changes</h2>
            {detail.indicationText ? (
              <p>Indication: &ldquo;{detail.indicationText}&rdquo;</p>
            ) : null}
            {detail.comment ? <p>Order comment: &ldquo;{detail.comment}&rdquo;</p> : null}
            <p>
              Dose alert shown at the order:{' '}
              {detail.doseAlertShown === null
                ? 'not recorded'
                : detail.doseAlertShown
                  ? 'yes'
                  : 'no'}
              .
            </p>
            {detail.changes.length === 0 ? (
              <p className="muted-note">The order was not changed after it was placed.</p>
            ) : (
              <ul className="exclusion-list">
                {detail.changes.map((change) => (
                  <li key={`${change.changedAt}-${change.action}`}>
                    {instant(change.changedAt)}:{' '}
                    {change.action === 'CANCEL'
                      ? 'cancelled'
                      : `changed to ${change.newModality ?? 'another modality'}`}
                    {change.reason ? ` — reason given: “${change.reason}”` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <div>
          {canReview ? (
            <section className="card case-section" aria-labelledby="assign-heading">
              <h2 id="assign-heading">Assignment</h2>
              <AssignForm caseId={caseId} assignee={summary.assignee} myEmail={user.email} />
            </section>
          ) : null}
          <section className="card case-section" aria-labelledby="review-heading">
            <h2 id="review-heading">Review</h2>
            {canReview ? (
              <ReviewForm caseId={caseId} />
            ) : (
              <p className="muted-note">Your role reads reviews; quality managers record them.</p>
            )}
            <h3>History</h3>
            {detail.reviews.length === 0 ? (
              <p className="muted-note">Not reviewed yet.</p>
            ) : (
              <ol className="review-history" aria-label="Review history, newest first">
                {[...detail.reviews]
                  .sort((left, right) => right.reviewedAt.localeCompare(left.reviewedAt))
                  .map((review) => (
                    <li key={review.id}>
                      <strong>{DISPOSITION_LABELS[review.disposition]}</strong>
                      <div className="review-meta">
                        {review.reviewer ?? 'A reviewer'},{' '}
                        {/^\d{4}-\d{2}$/.test(review.reviewedAt)
                          ? review.reviewedAt
                          : formatDateTime(review.reviewedAt, timeZone)}
                      </div>
                      {review.note ? <div>{review.note}</div> : null}
                    </li>
                  ))}
              </ol>
            )}
          </section>
          {detail.patient ? (
            <section className="card case-section" aria-labelledby="patient-heading">
              <h2 id="patient-heading">Patient</h2>
              <dl className="case-facts">
                <Fact term="Patient id">{detail.patient.patientId}</Fact>
                <Fact term="Age at the order">{detail.patient.ageAtOrder} years</Fact>
                <Fact term="Sex">{detail.patient.sex ?? 'Not recorded'}</Fact>
              </dl>
            </section>
          ) : null}
        </div>
      </div>

      <section className="card case-section" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Imaging timeline</h2>
        {series === null ? (
          <p className="muted-note">
            The patient&rsquo;s imaging timeline is not shown to your role: it would identify the
            patient.
          </p>
        ) : series.points.length === 0 ? (
          <p className="muted-note">The patient has no exam on record.</p>
        ) : (
          <>
            <p className="caption">
              {series.points.length} exams. At the order the patient&rsquo;s CED over 5 years was{' '}
              {formatMsv(series.cedAtOrderMsv)} (moderate band from{' '}
              {formatMsv(series.bands[0]?.fromMsv ?? null)}, high from{' '}
              {formatMsv(series.bands[1]?.fromMsv ?? null)}).
              {series.unknownDoseExams > 0
                ? ` ${series.unknownDoseExams} exam${series.unknownDoseExams === 1 ? '' : 's'} of unknown dose count as nothing.`
                : ''}{' '}
              Doses describe what the clinician could have seen, not a risk.
            </p>
            <Suspense fallback={<LoadingState what="the timeline chart" />}>
              <TimelineChart
                series={series}
                timeZone={timeZone}
                title="Imaging timeline"
                description={`The patient's exams over time on the running 5-year CED line, coloured by modality, with the order and its change marked and the moderate and high dose-history bands.`}
              />
            </Suspense>
            <TimelineTable series={series} timeZone={timeZone} />
          </>
        )}
      </section>

      <p className="muted-note">
        Assessed under settings version {detail.versions.settingsVersion}, reference version{' '}
        {detail.versions.referenceVersion}, lexicon {detail.versions.lexiconVersion}.
      </p>
    </>
  );
};
