import { describeInterval, summariseSignal } from './summarise-signal.js';

const order = {
  orderedAt: '2024-03-01T08:00:00Z',
  requestedModality: 'CT',
  outcomeModality: 'US',
  outcomeAt: '2024-03-02T10:00:00Z',
};

describe('summariseSignal', () => {
  it('says what changed and when, without the change reason', () => {
    const summary = summariseSignal(
      {
        code: 'E2',
        inputs: {
          requested: 'CT',
          requested_rating: 8,
          outcome: 'US',
          outcome_rating: 6,
          action: 'MODALITY_CHANGE',
          changed_at: '2024-03-01T11:00:00+00:00',
          reason: 'Mr Smith has had too many scans',
        },
      },
      order,
    );
    expect(summary).toBe(
      'The CT (rated 8) order was changed to US (rated 6) 3 h after it was placed.',
    );
    expect(summary).not.toContain('Smith');
  });

  it('describes a cancellation', () => {
    expect(
      summariseSignal(
        {
          code: 'E2',
          inputs: { requested: 'CT', action: 'CANCEL', changed_at: '2024-03-01T08:45:00Z' },
        },
        order,
      ),
    ).toBe('The CT order was cancelled 45 min after it was placed.');
  });

  it('gives the dose history in numbers and never quotes the dose wording', () => {
    expect(
      summariseSignal(
        {
          code: 'E3',
          inputs: { ced_5y_msv: 61.26, ced_12m_msv: '20.04', prior_ct_12m: 3, unknown_dose_5y: 1 },
        },
        order,
      ),
    ).toBe(
      'HIGH dose-history band when ordered: CED 5 y 61.3 mSv, 12 months 20.0 mSv, 3 CT in 12 months; 1 prior exam(s) of unknown dose not counted.',
    );
    const e1 = summariseSignal(
      {
        code: 'E1',
        inputs: { phrase: 'too many CTs', text: 'comment: Jane Doe had too many CTs' },
      },
      order,
    );
    expect(e1).not.toContain('Jane');
    expect(e1).not.toContain('too many');
  });

  it('times the cascade from the substitute, not from the order', () => {
    expect(
      summariseSignal(
        { code: 'E5', inputs: { accession: 'ACC-1', performed_at: '2024-03-14T10:00:00Z' } },
        order,
      ),
    ).toBe('The originally requested CT was performed 12 days after the US substitute.');
  });

  it('words intervals as the stored explanations do', () => {
    expect(describeInterval(3.5 * 3600 * 1000)).toBe('3.5 h');
    expect(describeInterval(30 * 60 * 1000)).toBe('30 min');
    expect(describeInterval(3 * 86400 * 1000)).toBe('3 days');
  });
});
