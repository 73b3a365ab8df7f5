import { TextMemo } from './domain/index.js';
import { summariseOrderTexts, textFactsCopyLine } from './summarise-order-texts.js';

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

  it('answers the same with a memo, also once the memo was emptied', () => {
    const orders = [
      order({ comment: '12 weeks pregnant', indication_text: 'renal colic' }),
      order({ changes: [{ action: 'CANCEL', reason: 'pt has had too many CTs this year' }] }),
      order({
        comment: 'pt has had too many CTs this year',
        changes: [{ action: 'MODALITY_CHANGE', reason: '12 weeks pregnant' }],
      }),
      order({ changes: [{ action: 'MODALITY_CHANGE', reason: 'no radiation concerns' }] }),
      order({ comment: 'CT scanner down', indication_text: 'renal colic' }),
    ];
    // a memo emptied when full, and one that reads without itself after a window of misses
    for (const memo of [new TextMemo(2), new TextMemo(50, 3)]) {
      for (const pass of [1, 2, 3, 4, 5]) {
        for (const row of orders) {
          expect({ pass, facts: summariseOrderTexts(row, memo) }).toEqual({
            pass,
            facts: summariseOrderTexts(row),
          });
        }
      }
    }
  });

  it('writes a COPY line with nulls, escapes and the codes as an array', () => {
    expect(
      textFactsCopyLine(
        {
          orderPk: '7',
          dosePhrase: 'too much\tradiation\nback\\slash\r',
          doseText: 'order comment',
          negatedBy: null,
          exclusionCodes: ['BETTER_TEST', 'PREGNANCY'],
          exclusionPhrases: ['MRI better', 'pregnant'],
          nonDoseReason: null,
        },
        'v1',
      ),
    ).toBe(
      '7\ttoo much\\tradiation\\nback\\\\slash\\r\torder comment\t\\N\t' +
        '{BETTER_TEST,PREGNANCY}\tMRI better | pregnant\t\\N\tv1\n',
    );
    expect(
      textFactsCopyLine(summariseOrderTexts(order({ indication_text: 'renal colic' })), 'v1'),
    ).toBe('1\t\\N\t\\N\t\\N\t{}\t\\N\t\\N\tv1\n');
  });
});
