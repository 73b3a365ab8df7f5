import { classifyText, classifyTexts } from './classify-text.js';

describe('classifyText: E1 dose rationale', () => {
  // [text, the dose phrase as written]
  it.each([
    ['Patient has had many CTs, switching to US', 'has had many CTs'],
    ['too many scans this year', 'too many scans'],
    ['Multiple prior CTs - MRI instead', 'Multiple prior CTs'],
    ['concern re cumulative dose', 'concern re cumulative dose'],
    ['cumulative radiation exposure is high', 'cumulative radiation exposure'],
    ['Limit further radiation, US first', 'Limit further radiation'],
    ['Minimise radiation: MRI abdomen', 'Minimise radiation'],
    ['avoid more radiation please', 'avoid more radiation'],
    ['Dose alert fired at order entry', 'Dose alert'],
    ['CED > 100 mSv', 'CED > 100 mSv'],
    ['CED 84 mSv over 5 years', 'CED 84 mSv'],
    ['84mSv in the last 5 yrs', '84mSv'],
    ['high CED, changed to MRI', 'high CED'],
    ['heavily imaged patient', 'heavily imaged'],
    ['Radiation burden too high', 'Radiation burden'],
    ['prior imaging dose considerable', 'prior imaging dose'],
    ['Lifetime dose concerns', 'Lifetime dose'],
    ['rad dose high -> US', 'rad dose'],
    ['avoid further CT exposure', 'avoid further CT exposure'],
    ["pt has had 9 CT's this year", "has had 9 CT's"],
    ['Pt. received 14 CT scans since 2022', 'received 14 CT scans'],
    ['has had a total of 11 abdominal CTs', 'has had a total of 11 abdominal CTs'],
    ['CTx7 in 12 months', 'CTx7'],
    ['7x CT this year', '7x CT'],
    ['c.t. x 5 this yr; MRI', 'c.t. x 5'],
    ['scanned 6 times this year', 'scanned 6 times'],
    ['Given the number of prior CTs, MRI preferred', 'number of prior CTs'],
    ['frequent CT flyer', 'frequent CT flyer'],
    ['over-imaged, switching to MRI', 'over-imaged'],
    ['cumulative eff. dose 120 mSv', 'cumulative eff. dose'],
    ['Changed to US because of radiation.', 'because of radiation'],
    ['US instead to reduce radiation exposure', 'reduce radiation exposure'],
    ['spare the patient further radiation', 'spare the patient further radiation'],
    ['no more CTs please', 'no more CTs'],
    ['yet another CT - please consider US', 'yet another CT'],
    ['worried about cumulative exposure', 'worried about cumulative exposure'],
    ['mindful of radiation, MRI', 'mindful of radiation'],
    ['MRI: radiation-free alternative', 'radiation-free'],
    ['non-ionizing alternative preferred', 'non-ionizing'],
    ['ALARA - MRI instead', 'ALARA'],
    ['cancer risk from repeated CTs', 'cancer risk from repeated CTs'],
    ['has had a lot of radiation already', 'has had a lot of radiation'],
    ['switched for dose reasons', 'for dose'],
    ['DoseWatch alert - high cumulative exposure', 'DoseWatch alert'],
    ['flagged for high dose in dose tracking', 'flagged for high dose'],
    ['patient has had 9 CTs, not comfortable adding more radiation', 'has had 9 CTs'],
    ['Radiation not a concern but patient has had 9 CTs', 'has had 9 CTs'],
    ['Not pregnant, has had many CTs', 'has had many CTs'],
    ['No AKI. Multiple prior CTs, limit radiation.', 'Multiple prior CTs'],
    ['No CT; has had 12 CTs this year', 'has had 12 CTs'],
    ['no CT given 12 prior CTs', '12 prior CTs'],
    ['US better given cumulative dose', 'given cumulative dose'],
    ['HAS HAD NUMEROUS CT SCANS', 'HAS HAD NUMEROUS CT SCANS'],
    ['Pt\u2019s CED \u2265 50 mSv', 'CED \u2265 50 mSv'],
  ])('fires on %j', (text, phrase) => {
    const { doseRationale } = classifyText(text);
    expect(doseRationale).toEqual({ matched: true, phrase });
  });

  // [text, why it is not E1]
  it.each([
    ['Abdominal pain, r/o appendicitis', 'no dose wording'],
    ['RLQ pain, fever. Evaluate for appendicitis with IV contrast.', 'no dose wording'],
    ['no radiation concerns; changed because scanner down', 'negated'],
    ['Dose not a factor; MRI per radiology', 'negation without a dose phrase'],
    ['not because of radiation, scanner down', 'negated'],
    ['radiation not a concern', 'negation only'],
    ['regardless of dose, CT indicated', 'negation only'],
    ['despite prior CTs, proceed with CT', 'negation only'],
    ['despite 9 prior CTs, CT is clearly indicated', 'negated by despite'],
    ['Multiple prior CTs but dose considered acceptable', 'negated after a contrastive'],
    ['Cumulative dose low', 'negated by low'],
    ['cumulative dose not relevant to this decision', 'negated'],
    ['no concerns about cumulative dose', 'negated by no'],
    ['Not due to cumulative dose - scanner down', 'negated'],
    ['Dose alert overridden, CT proceeds', 'alert overridden'],
    ['benefit outweighs radiation risk', 'benefit outweighs risk'],
    ['Discussed radiation risk, reassured', 'reassured'],
    ['irrespective of lifetime dose, MRI is the better test', 'negated'],
    ['switch not dose related, has had 3 CTs', 'not dose related'],
    ['pregnant, avoid radiation to fetus', 'pregnancy'],
    ['20 weeks pregnant - avoid radiation', 'pregnancy'],
    ['Positive beta-hCG; MRI instead to avoid radiation', 'pregnancy'],
    ['Paediatric patient, US first per pathway', 'child pathway'],
    ['5 y/o with RLQ pain - US to avoid radiation', 'a child'],
    ['14 year old girl, limit radiation', 'a child'],
    ['Image Gently: minimise radiation', 'paediatric campaign'],
    ['patient refused CT, worried about radiation', 'refusal'],
    ['pt declined CT due to radiation concerns', 'refusal'],
    ['Parents worried about radiation, US first', "the family's own concern"],
    ['patient prefers MRI, anxious about radiation exposure', "the patient's preference"],
    ['Known contrast allergy, changed to MRI', 'contrast reason'],
    ['AKI, eGFR 22 - non-contrast MRI', 'renal reason'],
    ['MRI better for this question', 'better test'],
    ['Radiology recommends MRI for better soft tissue characterisation', 'radiology advice'],
    ['CT done 2 days ago answered this', 'prior result'],
    ['scanner down', 'operational reason'],
    ['Transport unavailable, bedside US', 'operational reason'],
    ['changed per provider', 'contentless'],
    ['s/p radiation therapy to the chest 2019', 'radiotherapy history'],
    ['History of radiation proctitis', 'radiotherapy history'],
    ['Prior radiation to the pelvis for cervical cancer', 'radiotherapy history'],
    ['Repeat CT in 3 months for nodule follow-up', 'a planned repeat is no dose rationale'],
    ['serial CTs to monitor collection', 'a monitoring plan'],
    ['Dose of heparin adjusted', 'a drug dose'],
    ['worried about PE, CT chest', 'a clinical worry'],
    ['high dose steroids, r/o infection', 'a drug dose'],
    ['reduce steroid dose', 'a drug dose'],
    ['concern for exposure to TB', 'another exposure'],
    ['prior CT 2019 showed stable nodule', 'one prior CT'],
    ['CT dose index 12 mGy', 'a scanner metric of one exam'],
    ['', 'empty'],
  ])('does not fire on %j (%s)', (text) => {
    expect(classifyText(text).doseRationale.matched).toBe(false);
  });

  it('explains a negation with the dose phrase and the cue, as written', () => {
    expect(
      classifyText('No radiation concerns; changed because scanner down').doseRationale,
    ).toEqual({ matched: false, phrase: 'radiation concerns', negatedBy: 'No radiation concerns' });
    expect(classifyText('Despite 9 prior CTs, CT indicated').doseRationale).toEqual({
      matched: false,
      phrase: '9 prior CTs',
      negatedBy: 'Despite',
    });
  });

  it('explains a suppression with the context phrase', () => {
    expect(classifyText('7 yo boy, avoid radiation').doseRationale).toEqual({
      matched: false,
      phrase: 'avoid radiation',
      suppressedBy: '7 yo',
    });
  });

  it('limits a generic negation to its clause and to a few words', () => {
    expect(classifyText('no contrast, avoid radiation').doseRationale.matched).toBe(true);
    expect(
      classifyText('no IV access or help available and multiple prior CTs').doseRationale,
    ).toEqual({ matched: true, phrase: 'multiple prior CTs' });
  });

  it('keeps a later dose phrase when only an earlier one is negated', () => {
    expect(
      classifyText('No radiation concerns from family. However has had 12 CTs, limit radiation')
        .doseRationale,
    ).toEqual({ matched: true, phrase: 'has had 12 CTs' });
  });

  it('tolerates missing input', () => {
    expect(classifyText(null)).toEqual({
      doseRationale: { matched: false },
      exclusions: [],
      contentless: true,
    });
    expect(classifyText(undefined).contentless).toBe(true);
  });
});

describe('classifyTexts', () => {
  it('merges exclusions of several texts, once per code, in order of appearance', () => {
    const classification = classifyTexts([
      'contrast allergy; AKI',
      null,
      'Allergic to iodinated contrast. Patient declined CT',
    ]);
    expect(classification.exclusions).toEqual([
      { code: 'CONTRAST_ALLERGY', phrase: 'contrast allergy' },
      { code: 'RENAL_IMPAIRMENT', phrase: 'AKI' },
      { code: 'PATIENT_REFUSAL', phrase: 'Patient declined' },
    ]);
  });

  it('fires E1 from any text and keeps the first non-dose reason', () => {
    const classification = classifyTexts([
      'Abdominal pain',
      'changed per provider',
      'has had 8 CTs in 2 years; scanner busy anyway',
    ]);
    expect(classification.doseRationale).toEqual({ matched: true, phrase: 'has had 8 CTs' });
    expect(classification.nonDoseReason).toBe('scanner busy');
    expect(classification.contentless).toBe(false);
  });

  it('silences E1 when another text of the order is about a child', () => {
    expect(
      classifyTexts(['Paediatric ED, RLQ pain', 'switched to US, limit radiation']).doseRationale,
    ).toEqual({ matched: false, phrase: 'limit radiation', suppressedBy: 'Paediatric' });
  });

  it('is contentless only when every text is', () => {
    expect(classifyTexts(['per MD', '', null, 'n/a']).contentless).toBe(true);
    expect(classifyTexts(['per MD', 'scanner down']).contentless).toBe(false);
    expect(classifyTexts([]).contentless).toBe(true);
  });

  it('reports the negation when no text fires', () => {
    expect(classifyTexts(['Abdominal pain', 'cumulative dose not a factor']).doseRationale).toEqual(
      { matched: false, phrase: 'cumulative dose', negatedBy: 'dose not a factor' },
    );
  });
});
