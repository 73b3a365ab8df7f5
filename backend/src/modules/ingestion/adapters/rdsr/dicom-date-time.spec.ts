import {
  computeAgeYears,
  parseDicomAgeYears,
  parseDicomDate,
  parseDicomDateTime,
  parseDicomTime,
} from './dicom-date-time.js';

describe('DICOM dates and times', () => {
  it('parses DA, refusing impossible dates', () => {
    expect(parseDicomDate('20160512')).toBe('2016-05-12');
    expect(parseDicomDate('2016.05.12')).toBe('2016-05-12');
    expect(parseDicomDate('20230229')).toBeNull();
    expect(parseDicomDate('')).toBeNull();
  });

  it('parses TM with optional parts and fractions', () => {
    expect(parseDicomTime('171712.641000')).toEqual({
      hours: 17,
      minutes: 17,
      seconds: 12,
      milliseconds: 641,
    });
    expect(parseDicomTime('1017')).toEqual({ hours: 10, minutes: 17, seconds: 0, milliseconds: 0 });
    expect(parseDicomTime('10:17:12')).toEqual({
      hours: 10,
      minutes: 17,
      seconds: 12,
      milliseconds: 0,
    });
    expect(parseDicomTime('2517')).toBeNull();
  });

  it('parses DT with its own offset, else the default offset, else as UTC', () => {
    expect(parseDicomDateTime('19970101000631.737+0000 ')?.utc).toBe('1997-01-01T00:06:31.737Z');
    expect(parseDicomDateTime('20200108144020+0200')?.utc).toBe('2020-01-08T12:40:20.000Z');
    expect(parseDicomDateTime('20200108144020', -300)?.utc).toBe('2020-01-08T19:40:20.000Z');
    expect(parseDicomDateTime('20200108144020')?.utc).toBe('2020-01-08T14:40:20.000Z');
    expect(parseDicomDateTime('2020')).toBeNull();
  });

  it('reads ages from AS or from the birth date', () => {
    expect(parseDicomAgeYears('060Y')).toBe(60);
    expect(parseDicomAgeYears('018M')).toBe(1.5);
    expect(parseDicomAgeYears('Y')).toBeNull();
    expect(computeAgeYears('1958-01-05', '2018-01-05')).toBe(60);
    expect(computeAgeYears('1958-01-06', '2018-01-05')).toBe(59);
    expect(computeAgeYears(null, '2018-01-05')).toBeNull();
  });
});
