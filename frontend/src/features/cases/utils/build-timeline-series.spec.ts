import {
  buildTimelineSeries,
  roundUpDose,
  subtractYears,
  type TimelineExamInput,
} from './build-timeline-series.js';

const exam = (
  accession: string,
  performedAt: string,
  modality: string,
  effectiveDoseMsv: number | null,
  doseSource = 'recorded',
  isCaseOrder = false,
): TimelineExamInput => ({
  accession,
  performedAt,
  modality,
  bodyRegion: 'CHEST',
  effectiveDoseMsv,
  doseSource,
  isCaseOrder,
});

// A patient with five years of imaging; the case's CT order on 1 June 2024 became an ultrasound.
const timeline = {
  orderedAt: '2024-06-01T08:00:00Z',
  changedAt: '2024-06-01T11:00:00Z',
  highThresholdMsv: 50,
  moderateThresholdMsv: 10,
  exams: [
    exam('F', '2024-06-02T09:00:00Z', 'US', 0, 'non_ionizing', true),
    exam('A', '2019-03-01T10:00:00Z', 'CT', 10),
    exam('B', '2021-06-15T10:00:00Z', 'CT', 20, 'dlp_estimate'),
    exam('C', '2023-01-10T10:00:00Z', 'US', 0, 'non_ionizing'),
    exam('D', '2024-02-01T10:00:00Z', 'XA', null, 'unknown'),
    exam('E', '2024-05-20T09:00:00Z', 'CT', 8, 'typical'),
  ],
};

describe('buildTimelineSeries', () => {
  const series = buildTimelineSeries(timeline);

  it('orders the exams in time and gives each its running 5-year CED and all-time sum', () => {
    expect(series.points.map((point) => point.accession)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    // A 10; A+B 30; C adds nothing; D unknown counts nothing; E: A left the window on 1 Mar 2024
    expect(series.points.map((point) => point.ced5yMsv)).toEqual([10, 30, 30, 30, 28, 28]);
    expect(series.points.map((point) => point.cumulativeMsv)).toEqual([10, 30, 30, 30, 38, 38]);
    expect(series.points[5]?.isCaseOrder).toBe(true);
  });

  it('steps the CED line down just after an exam leaves the 5-year window', () => {
    expect(
      series.cedLine.map((point) => [new Date(point.time).toISOString(), point.ced5yMsv]),
    ).toEqual([
      ['2019-03-01T10:00:00.000Z', 10],
      ['2021-06-15T10:00:00.000Z', 30],
      ['2023-01-10T10:00:00.000Z', 30],
      ['2024-02-01T10:00:00.000Z', 30],
      ['2024-03-01T10:00:00.001Z', 20],
      ['2024-05-20T09:00:00.000Z', 28],
      ['2024-06-02T09:00:00.000Z', 28],
    ]);
  });

  it('gives the CED the clinician could have seen at the order: B and E, not A', () => {
    expect(series.cedAtOrderMsv).toBe(28);
    expect(new Date(series.orderTime).toISOString()).toBe('2024-06-01T08:00:00.000Z');
    expect(new Date(series.changeTime ?? 0).toISOString()).toBe('2024-06-01T11:00:00.000Z');
  });

  it('draws the MODERATE and HIGH bands from the thresholds up to a round axis top', () => {
    // 1.25 × 50 = 62.5 mSv is above 1.1 × 30: the axis ends at the next round value, 80
    expect(series.doseMaxMsv).toBe(80);
    expect(series.bands).toEqual([
      { band: 'MODERATE', fromMsv: 10, toMsv: 50 },
      { band: 'HIGH', fromMsv: 50, toMsv: 80 },
    ]);
  });

  it('lists the modalities with their colour and counts the exams whose dose is unknown', () => {
    expect(series.modalities).toEqual([
      { modality: 'CT', colour: '#D55E00', exams: 3 },
      { modality: 'US', colour: '#009E73', exams: 2 },
      { modality: 'XA', colour: '#CC79A7', exams: 1 },
    ]);
    expect(series.unknownDoseExams).toBe(1);
    expect(new Date(series.timeMin).toISOString()).toBe('2019-03-01T10:00:00.000Z');
    expect(new Date(series.timeMax).toISOString()).toBe('2024-06-02T09:00:00.000Z');
  });

  it('extends the line to the order when the patient had no exam since', () => {
    const only = buildTimelineSeries({
      ...timeline,
      changedAt: null,
      exams: [exam('A', '2024-01-01T00:00:00Z', 'CT', 70)],
    });
    expect(only.cedLine.map((point) => point.ced5yMsv)).toEqual([70, 70]);
    expect(only.cedLine[1]?.time).toBe(Date.parse('2024-06-01T08:00:00Z'));
    expect(only.changeTime).toBeNull();
    // 1.1 × 70 = 77 is above 62.5: the axis ends at 80
    expect(only.doseMaxMsv).toBe(80);
  });

  it('names the bad value when a date cannot be read', () => {
    expect(() => buildTimelineSeries({ ...timeline, orderedAt: 'yesterday' })).toThrow(
      'The timeline\'s order time "yesterday" is not a date.',
    );
  });
});

describe('subtractYears', () => {
  it('counts calendar years, 29 February going to 28 February', () => {
    expect(new Date(subtractYears(Date.UTC(2024, 1, 29, 12), 5)).toISOString()).toBe(
      '2019-02-28T12:00:00.000Z',
    );
    expect(new Date(subtractYears(Date.UTC(2024, 5, 1), 5)).toISOString()).toBe(
      '2019-06-01T00:00:00.000Z',
    );
  });
});

describe('roundUpDose', () => {
  it('rounds an axis top up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten', () => {
    expect([0, 0.7, 9, 11, 33, 62.5, 140, 850].map(roundUpDose)).toEqual([
      1, 0.8, 10, 15, 40, 80, 150, 1000,
    ]);
  });
});
