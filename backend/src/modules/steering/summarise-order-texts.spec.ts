import { summariseOrderTexts } from './summarise-order-texts.js';

const order = (overrides: Partial<Parameters<typeof summariseOrderTexts>[0]> = {}) => ({
  order_pk: '1',
  comment: null,
  indication_text: null,
  changes: [],
  ...overrides,
});

describe('summariseOrderTexts', () => {
  it('names the dose phrase and the text it was found in', () => {
    const facts = summariseOrderTexts(
      order({ changes: [{ action: 'CANCEL', reason: 'pt has had too many CTs this year' }] }),
    );
    expect(facts.doseText).toBe('cancel reason');
    expect(facts.dosePhrase).toMatch(/too many CTs/);
    expect(facts.nonDoseReason).toBeNull();
  });

  it('lets a pregnancy in one text silence dose wording in another', () => {
    const facts = summariseOrderTexts(
      order({
        comment: '12 weeks pregnant',
        changes: [{ action: 'MODALITY_CHANGE', reason: 'limit further radiation' }],
      }),
    );
    expect(facts.dosePhrase).toBeNull();
    expect(facts.exclusionCodes).toEqual(['PREGNANCY']);
    expect(facts.exclusionPhrases).toEqual(['12 weeks pregnant']);
  });

  it('ignores dose wording in the indication text, and takes a ruled-out dose as a reason', () => {
    expect(
      summariseOrderTexts(order({ indication_text: 'cumulative dose > 100 mSv' })).dosePhrase,
    ).toBeNull();
    const facts = summariseOrderTexts(
      order({
        changes: [
          { action: 'MODALITY_CHANGE', reason: 'no radiation concerns – MRI for clinical reasons' },
        ],
      }),
    );
    expect(facts.dosePhrase).toBeNull();
    expect(facts.nonDoseReason).toMatch(/^dose ruled out: "/);
  });
});
