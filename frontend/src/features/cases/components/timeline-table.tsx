import type { TimelineSeries } from '../utils/build-timeline-series.js';
import { formatDoseSource } from '../utils/case-labels.js';
import { formatDateTime, formatMsv } from '../utils/format-case-values.js';

/** The numbers behind the timeline: one row per exam. */
export const TimelineTable = ({
  series,
  timeZone,
}: {
  readonly series: TimelineSeries;
  readonly timeZone: string;
}) => (
  <div className="table-scroll">
    <table className="data-table">
      <caption>
        The patient&rsquo;s exams in time order ({series.points.length}), dates in {timeZone}. CED 5
        y: the sum of effective doses over the 5 years up to and including the exam; an unknown dose
        counts as nothing and is marked.
      </caption>
      <thead>
        <tr>
          <th scope="col">Performed</th>
          <th scope="col" className="text-cell">
            Exam
          </th>
          <th scope="col">Effective dose</th>
          <th scope="col" className="text-cell">
            Dose source
          </th>
          <th scope="col">CED 5 y</th>
          <th scope="col">All-time total</th>
        </tr>
      </thead>
      <tbody>
        {series.points.map((point) => (
          <tr key={point.accession} className={point.isCaseOrder ? 'signal-row' : undefined}>
            <th scope="row">{formatDateTime(point.time, timeZone)}</th>
            <td className="text-cell">
              <span className="swatch" style={{ background: point.colour }} aria-hidden="true" />
              {point.modality}
              {point.bodyRegion ? ` ${point.bodyRegion.toLowerCase().replace(/_/g, ' ')}` : ''}
              {point.isCaseOrder ? ' (this case’s exam)' : ''}
            </td>
            <td>
              {point.doseSource === 'non_ionizing' ? 'none' : formatMsv(point.effectiveDoseMsv)}
            </td>
            <td className="text-cell">{formatDoseSource(point.doseSource)}</td>
            <td>{formatMsv(point.ced5yMsv)}</td>
            <td>{formatMsv(point.cumulativeMsv)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
