import type { ExclusionCode } from './exclusion-code.js';
import { classifyText } from './classify-text.js';

const codesOf = (text: string): ExclusionCode[] =>
  classifyText(text).exclusions.map((exclusion) => exclusion.code);

describe('classifyText: exclusions', () => {
  // [code, text, the phrase as written]
  it.each<[ExclusionCode, string, string]>([
    ['PREGNANCY', 'Pregnant, 12 weeks', 'Pregnant'],
    ['PREGNANCY', 'Patient is 8 weeks pregnant', '8 weeks pregnant'],
    ['PREGNANCY', 'positive beta-hCG', 'positive beta-hCG'],
    ['PREGNANCY', '\u03b2-hCG positive this morning', '\u03b2-hCG positive'],
    ['PREGNANCY', '12 weeks gestation, RUQ pain', '12 weeks gestation'],
    ['PREGNANCY', 'IUP at 10 weeks', 'IUP'],
    ['PREGNANCY', '32w4d, RUQ pain', '32w4d'],
    ['PREGNANCY', 'second trimester', 'trimester'],
    ['PREGNANCY', 'avoid radiation to fetus', 'fetus'],
    ['PREGNANCY', 'r/o ectopic pregnancy', 'ectopic'],
    ['PREGNANCY', 'positive UPT', 'positive UPT'],
    ['CONTRAST_ALLERGY', 'Known contrast allergy, changed to MRI', 'contrast allergy'],
    ['CONTRAST_ALLERGY', 'allergic to iodinated contrast', 'allergic to iodinated contrast'],
    ['CONTRAST_ALLERGY', 'prior anaphylaxis to contrast', 'anaphylaxis to contrast'],
    ['CONTRAST_ALLERGY', 'reaction to contrast in 2019', 'reaction to contrast'],
    ['CONTRAST_ALLERGY', 'Contrast reaction (hives) 2018', 'Contrast reaction'],
    ['CONTRAST_ALLERGY', 'iodine allergy', 'iodine allergy'],
    ['CONTRAST_ALLERGY', 'allergy to Omnipaque', 'allergy to Omnipaque'],
    ['CONTRAST_ALLERGY', 'severe anaphylaxis after IV contrast', 'anaphylaxis after IV contrast'],
    ['RENAL_IMPAIRMENT', 'AKI', 'AKI'],
    ['RENAL_IMPAIRMENT', 'acute kidney injury on admission', 'acute kidney injury'],
    ['RENAL_IMPAIRMENT', 'low eGFR', 'low eGFR'],
    ['RENAL_IMPAIRMENT', 'eGFR 22 - non-contrast MRI', 'eGFR 22'],
    ['RENAL_IMPAIRMENT', 'eGFR <30', 'eGFR <30'],
    ['RENAL_IMPAIRMENT', 'GFR 28 ml/min', 'GFR 28'],
    ['RENAL_IMPAIRMENT', 'CKD stage 4', 'CKD stage 4'],
    ['RENAL_IMPAIRMENT', 'CKD 5', 'CKD 5'],
    ['RENAL_IMPAIRMENT', 'CKD stage IV', 'CKD stage IV'],
    ['RENAL_IMPAIRMENT', 'on dialysis', 'dialysis'],
    ['RENAL_IMPAIRMENT', 'ESRD on HD', 'ESRD'],
    ['RENAL_IMPAIRMENT', 'renal failure', 'renal failure'],
    ['BETTER_TEST', 'radiology recommends MRI', 'radiology recommends'],
    ['BETTER_TEST', 'MRI better for this question', 'MRI better'],
    ['BETTER_TEST', 'per radiologist US is the test of choice', 'per radiologist'],
    ['BETTER_TEST', 'radiology suggested MR instead', 'radiology suggested'],
    ['BETTER_TEST', 'US is the test of choice for gallbladder', 'US is the test of choice'],
    ['BETTER_TEST', 'Best test is MRI per ACR', 'Best test is MRI'],
    ['BETTER_TEST', 'protocolled to MRI by radiology', 'protocolled to MRI by radiology'],
    ['PRIOR_RESULT', 'CT done 2 days ago answered this', 'CT done 2 days ago'],
    ['PRIOR_RESULT', 'already imaged yesterday, no need to repeat', 'already imaged'],
    ['PRIOR_RESULT', 'recent CT already answers the question', 'recent CT already answers'],
    ['PRIOR_RESULT', 'already had a CT this admission', 'already had a CT'],
    ['PRIOR_RESULT', 'outside MRI already showed the diagnosis', 'outside MRI already showed'],
    [
      'PRIOR_RESULT',
      'CT from 3 days ago already answers the question',
      'CT from 3 days ago already answers',
    ],
    ['PRIOR_RESULT', 'question answered by imaging done this week', 'question answered'],
    ['PRIOR_RESULT', 'duplicate study', 'duplicate study'],
    ['PATIENT_REFUSAL', 'patient declined', 'patient declined'],
    ['PATIENT_REFUSAL', 'Patient refused CT', 'Patient refused'],
    ['PATIENT_REFUSAL', 'patient preference', 'patient preference'],
    ['PATIENT_REFUSAL', 'patient does not consent', 'patient does not consent'],
    ['PATIENT_REFUSAL', 'Pt declines contrast', 'Pt declines'],
    ['PATIENT_REFUSAL', 'declined by patient', 'declined by patient'],
    ['PATIENT_REFUSAL', 'per patient request', 'per patient request'],
    ['PATIENT_REFUSAL', 'parents declined CT', 'parents declined'],
    ['PATIENT_REFUSAL', 'Refused', 'Refused'],
    ['PATIENT_REFUSAL', 'claustrophobic, refused MRI', 'claustrophobic, refused'],
    ['PATIENT_REFUSAL', 'Claustrophobic, unable to tolerate MRI', 'Claustrophobic, unable'],
    ['PATIENT_REFUSAL', 'left AMA', 'left AMA'],
  ])('%s from %j', (code, text, phrase) => {
    expect(classifyText(text).exclusions).toEqual([{ code, phrase }]);
  });

  // near misses and negations: [text, code that must not be found]
  it.each<[string, ExclusionCode]>([
    ['not pregnant', 'PREGNANCY'],
    ['Not currently pregnant', 'PREGNANCY'],
    ['non-pregnant female', 'PREGNANCY'],
    ['pregnancy test negative', 'PREGNANCY'],
    ['negative pregnancy test', 'PREGNANCY'],
    ['hCG negative', 'PREGNANCY'],
    ['denies pregnancy', 'PREGNANCY'],
    ['pregnancy ruled out', 'PREGNANCY'],
    ['pregnancy test pending', 'PREGNANCY'],
    ['no longer pregnant', 'PREGNANCY'],
    ['if pregnant, notify radiology', 'PREGNANCY'],
    ['Pregnant? no', 'PREGNANCY'],
    ['no contrast allergy', 'CONTRAST_ALLERGY'],
    ['no known contrast allergy', 'CONTRAST_ALLERGY'],
    ['Contrast allergy: no', 'CONTRAST_ALLERGY'],
    ['contrast allergy - none', 'CONTRAST_ALLERGY'],
    ['denies allergy to contrast', 'CONTRAST_ALLERGY'],
    ['no previous reaction to contrast', 'CONTRAST_ALLERGY'],
    ['NKDA', 'CONTRAST_ALLERGY'],
    ['Allergies: penicillin', 'CONTRAST_ALLERGY'],
    ['shellfish allergy', 'CONTRAST_ALLERGY'],
    ['CT with and without contrast', 'CONTRAST_ALLERGY'],
    ['no AKI', 'RENAL_IMPAIRMENT'],
    ['not on dialysis', 'RENAL_IMPAIRMENT'],
    ['eGFR 45', 'RENAL_IMPAIRMENT'],
    ['eGFR >60', 'RENAL_IMPAIRMENT'],
    ['eGFR 60', 'RENAL_IMPAIRMENT'],
    ['CKD 3', 'RENAL_IMPAIRMENT'],
    ['CKD stage 3a', 'RENAL_IMPAIRMENT'],
    ['normal renal function', 'RENAL_IMPAIRMENT'],
    ['AKI resolved', 'RENAL_IMPAIRMENT'],
    ['no history of renal failure', 'RENAL_IMPAIRMENT'],
    ['Radiology did not recommend MRI', 'BETTER_TEST'],
    ['discussed with radiology, proceed with CT', 'BETTER_TEST'],
    ['US better given cumulative dose', 'BETTER_TEST'],
    ['radiology suggests MRI because of cumulative dose', 'BETTER_TEST'],
    ['no recent CT', 'PRIOR_RESULT'],
    ['no prior imaging', 'PRIOR_RESULT'],
    ['prior CT did not answer the question', 'PRIOR_RESULT'],
    ['already had 9 CTs', 'PRIOR_RESULT'],
    ['Prior CT 2 days ago showed obstruction, now worse', 'PRIOR_RESULT'],
    ['history of AKI in 2019, now resolved', 'RENAL_IMPAIRMENT'],
    ['MRI preferred', 'BETTER_TEST'],
    ['already imaged multiple times, no need to repeat', 'PRIOR_RESULT'],
    ['patient agreed', 'PATIENT_REFUSAL'],
    ['patient agreed to MRI', 'PATIENT_REFUSAL'],
    ['patient consented', 'PATIENT_REFUSAL'],
    ['patient did not refuse', 'PATIENT_REFUSAL'],
    ['not patient preference', 'PATIENT_REFUSAL'],
    ['radiologist declined the CT', 'PATIENT_REFUSAL'],
    ['patient requested CT', 'PATIENT_REFUSAL'],
    ['if patient refuses, call', 'PATIENT_REFUSAL'],
    ['pt has declining renal function', 'PATIENT_REFUSAL'],
    ['changed per provider preference', 'PATIENT_REFUSAL'],
  ])('does not find an exclusion in %j (%s)', (text, code) => {
    expect(codesOf(text)).not.toContain(code);
  });

  it('finds several exclusions in one text, in order of appearance', () => {
    expect(
      classifyText('Allergic to contrast; eGFR 25. Radiology recommends MRI').exclusions,
    ).toEqual([
      { code: 'CONTRAST_ALLERGY', phrase: 'Allergic to contrast' },
      { code: 'RENAL_IMPAIRMENT', phrase: 'eGFR 25' },
      { code: 'BETTER_TEST', phrase: 'Radiology recommends' },
    ]);
  });

  it('does not let a negation of something else cancel an exclusion', () => {
    expect(codesOf('Pregnant, PE excluded')).toEqual(['PREGNANCY']);
    expect(codesOf('contrast allergy, no IV access')).toEqual(['CONTRAST_ALLERGY']);
  });

  it('keeps an exclusion negated in one place and stated in another', () => {
    expect(codesOf('no AKI last week. Now AKI, creatinine rising')).toEqual(['RENAL_IMPAIRMENT']);
  });

  it('keeps a better test stated in a sentence apart from the dose talk', () => {
    expect(codesOf('Has had 9 CTs. Radiology recommends MRI for soft tissue')).toEqual([
      'BETTER_TEST',
    ]);
  });
});

describe('classifyText: recognised non-dose reasons', () => {
  it.each([
    ['scanner down', 'scanner down'],
    ['CT scanner is down, moved to US', 'CT scanner is down'],
    ['CT unavailable', 'CT unavailable'],
    ['MRI not available until next week', 'MRI not available'],
    ['planned maintenance', 'maintenance'],
    ['RIS downtime', 'downtime'],
    ['scheduling conflict', 'scheduling'],
    ['no slot this week', 'no slot'],
    ['backlog of 3 weeks', 'backlog'],
    ['Transport unavailable, bedside US', 'Transport unavailable'],
    ['no transport from ward', 'no transport'],
    ['staffing shortage overnight', 'staffing'],
    ['no technologist available', 'no technologist'],
    ['equipment failure', 'equipment failure'],
    ['wait time too long', 'wait time'],
    ['order entered in error', 'entered in error'],
    ['insurance denied', 'insurance'],
    ['patient discharged', 'discharged'],
    ['exceeds table weight limit', 'exceeds table weight limit'],
    ['not fasted', 'not fasted'],
    ['no CT slot available this week \u2013 MR booked', 'no CT slot'],
  ])('finds %j', (text, reason) => {
    expect(classifyText(text).nonDoseReason).toBe(reason);
  });

  it.each([
    'has had many CTs',
    'changed per provider',
    'Abdominal pain, r/o appendicitis',
    'recent travel, r/o PE',
    'unstable angina',
  ])('finds none in %j', (text) => {
    expect(classifyText(text).nonDoseReason).toBeUndefined();
  });
});

describe('classifyText: contentless reasons', () => {
  it.each([
    '',
    '   ',
    '-',
    '.',
    'n/a',
    'N/A',
    'NA',
    'other',
    'Other.',
    'changed per provider',
    'Changed per provider.',
    'per MD',
    'per Dr. Smith',
    'provider request',
    'order changed',
    'Order modified',
    'see notes',
    'See comments',
    'physician discretion',
    'clinical decision',
    'provider preference',
    'see clinical notes',
  ])('%j gives no reason', (text) => {
    expect(classifyText(text).contentless).toBe(true);
  });

  it.each([
    'changed per provider, scanner down',
    'per MD - too many scans',
    'patient preference',
    'per radiology',
    'MRI better',
    'no slot',
  ])('%j gives a reason', (text) => {
    expect(classifyText(text).contentless).toBe(false);
  });
});
