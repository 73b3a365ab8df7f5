/**
 * The demo hospital as data: departments, staff names, indications with real ICD-10-CM codes,
 * the procedures each modality performs for them (with realistic CT dose parameters), and the
 * texts clinicians, radiologists and schedulers write. Everything the generator draws from is
 * here, so the hospital can be made more realistic without touching its logic.
 */
import type { BodyRegion, Modality } from '../vocabulary/vocabulary.js';
import type { WeightedItem } from './random.js';

export type SettingCode = 'ED' | 'IP' | 'OP';

export type DepartmentName =
  | 'Emergency'
  | 'Internal Medicine'
  | 'Oncology'
  | 'Surgery'
  | 'Paediatrics'
  | 'Obstetrics'
  | 'Neurology'
  | 'Orthopaedics'
  | 'Gastroenterology'
  | 'Urology'
  | 'Pulmonology';

export interface DepartmentSpec {
  readonly name: DepartmentName;
  /** Share of the ordering clinicians who work here. */
  readonly staffShare: number;
  readonly settings: readonly WeightedItem<SettingCode>[];
}

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { name: 'Emergency', staffShare: 0.22, settings: [{ item: 'ED', weight: 1 }] },
  {
    name: 'Internal Medicine',
    staffShare: 0.15,
    settings: [
      { item: 'IP', weight: 0.7 },
      { item: 'OP', weight: 0.3 },
    ],
  },
  {
    name: 'Oncology',
    staffShare: 0.1,
    settings: [
      { item: 'OP', weight: 0.8 },
      { item: 'IP', weight: 0.2 },
    ],
  },
  {
    name: 'Surgery',
    staffShare: 0.1,
    settings: [
      { item: 'IP', weight: 0.6 },
      { item: 'OP', weight: 0.4 },
    ],
  },
  {
    name: 'Paediatrics',
    staffShare: 0.08,
    settings: [
      { item: 'ED', weight: 0.4 },
      { item: 'IP', weight: 0.3 },
      { item: 'OP', weight: 0.3 },
    ],
  },
  {
    name: 'Obstetrics',
    staffShare: 0.05,
    settings: [
      { item: 'OP', weight: 0.6 },
      { item: 'IP', weight: 0.4 },
    ],
  },
  {
    name: 'Neurology',
    staffShare: 0.07,
    settings: [
      { item: 'IP', weight: 0.6 },
      { item: 'OP', weight: 0.4 },
    ],
  },
  {
    name: 'Orthopaedics',
    staffShare: 0.07,
    settings: [
      { item: 'OP', weight: 0.6 },
      { item: 'IP', weight: 0.4 },
    ],
  },
  {
    name: 'Gastroenterology',
    staffShare: 0.06,
    settings: [
      { item: 'OP', weight: 0.8 },
      { item: 'IP', weight: 0.2 },
    ],
  },
  {
    name: 'Urology',
    staffShare: 0.05,
    settings: [
      { item: 'OP', weight: 0.7 },
      { item: 'IP', weight: 0.3 },
    ],
  },
  {
    name: 'Pulmonology',
    staffShare: 0.05,
    settings: [
      { item: 'OP', weight: 0.9 },
      { item: 'IP', weight: 0.1 },
    ],
  },
];

export const FIRST_NAMES: readonly string[] = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elif',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Marco',
  'Nadia',
  'Oliver',
  'Priya',
  'Quentin',
  'Rosa',
  'Samuel',
  'Tara',
  'Umar',
  'Vera',
  'William',
  'Xenia',
  'Yusuf',
  'Zoe',
  'Aisha',
  'Bruno',
  'Chloe',
  'Dmitri',
  'Emma',
  'Felix',
  'Hana',
  'Ivan',
  'Julia',
  'Kofi',
  'Laura',
  'Mateo',
  'Noor',
  'Pablo',
  'Sofia',
  'Tomas',
];

export const LAST_NAMES: readonly string[] = [
  'Keller',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Haddad',
  'Brennan',
  'Costa',
  'Fischer',
  'Tanaka',
  'Kowalski',
  'Ahmed',
  'Jensen',
  'Rossi',
  'Schmidt',
  'Dubois',
  'Patel',
  'Nguyen',
  'Oconnell',
  'Svensson',
  'Garcia',
  'Meyer',
  'Yilmaz',
  'Horvat',
  'Lambert',
  'Singh',
  'Weber',
  'Murphy',
  'Bakker',
  'Ivanova',
  'Kim',
  'Larsen',
  'Mensah',
  'Petrov',
  'Silva',
  'Walsh',
];

/** A procedure a modality performs for an indication. CT carries adult dose parameters. */
export interface ProcedureSpec {
  readonly modality: Modality;
  readonly procedure: string;
  readonly bodyRegion: BodyRegion;
  /** CT: adult DLP (mGy.cm) mean and standard deviation, and scan length (cm) for CTDIvol. */
  readonly dlpMeanMgyCm?: number;
  readonly dlpSdMgyCm?: number;
  readonly scanLengthCm?: number;
  /** Non-CT ionizing: the range a source records as effective dose, when it records one. */
  readonly recordedDoseRangeMsv?: readonly [number, number];
  readonly usesIodinatedContrast?: boolean;
}

const ct = (
  procedure: string,
  bodyRegion: BodyRegion,
  dlpMeanMgyCm: number,
  dlpSdMgyCm: number,
  scanLengthCm: number,
  usesIodinatedContrast = false,
): ProcedureSpec => ({
  modality: 'CT',
  procedure,
  bodyRegion,
  dlpMeanMgyCm,
  dlpSdMgyCm,
  scanLengthCm,
  usesIodinatedContrast,
});

const other = (
  modality: Modality,
  procedure: string,
  bodyRegion: BodyRegion,
  recordedDoseRangeMsv?: readonly [number, number],
): ProcedureSpec => ({ modality, procedure, bodyRegion, recordedDoseRangeMsv });

export const CT_HEAD = ct('CT head without contrast', 'HEAD', 1000, 60, 17);
export const CT_CHEST = ct('CT chest without contrast', 'CHEST', 400, 60, 36);
export const CT_ABDOMEN_PELVIS = ct(
  'CT abdomen-pelvis with contrast',
  'ABDOMEN_PELVIS',
  700,
  80,
  48,
  true,
);
export const CT_CHEST_ABDOMEN_PELVIS = ct(
  'CT chest-abdomen-pelvis with contrast',
  'CHEST_ABDOMEN_PELVIS',
  1100,
  120,
  68,
  true,
);
export const PET_CT = other('PT', 'PET/CT whole body (FDG)', 'WHOLE_BODY', [18, 30]);
export const DX_CHEST = other('DX', 'Chest radiograph PA and lateral', 'CHEST');
export const US_ABDOMEN = other('US', 'US abdomen', 'ABDOMEN');
export const MR_HEAD = other('MR', 'MRI brain', 'HEAD');
export const MG_SCREENING = other('MG', 'Screening mammography', 'BREAST');
/** An ionizing exam with no typical dose in the reference table: its dose stays unknown. */
export const XA_PERIPHERAL = other('XA', 'Peripheral angiography lower limb', 'EXTREMITY');

export type PatientKind = 'CHILD' | 'ADULT' | 'PREGNANT';

export interface IndicationSpec {
  readonly key: string;
  /** Indication group in appropriateness.csv; null for an indication the table does not map. */
  readonly group: string | null;
  readonly codes: readonly string[];
  readonly texts: readonly string[];
  readonly comments: readonly string[];
  /** In order of clinical preference: the first one among the top-rated is requested. */
  readonly procedures: readonly ProcedureSpec[];
  readonly departments: readonly WeightedItem<DepartmentName>[];
  /** How often an episode of this indication happens, by kind of patient. */
  readonly weights: Readonly<Partial<Record<PatientKind, number>>>;
}

const departments = (
  ...entries: readonly (readonly [DepartmentName, number])[]
): WeightedItem<DepartmentName>[] => entries.map(([item, weight]) => ({ item, weight }));

export const INDICATIONS: readonly IndicationSpec[] = [
  {
    key: 'PULMONARY_EMBOLISM',
    group: 'PULMONARY_EMBOLISM',
    codes: ['I26.99', 'I26.99', 'I26.92', 'I26.09'],
    texts: [
      'suspected pulmonary embolism',
      'pleuritic chest pain, ?PE',
      'dyspnoea and tachycardia, r/o PE',
    ],
    comments: ['D-dimer raised', 'Wells score 6', 'SpO2 91 %, HR 118', 'recent long-haul flight'],
    procedures: [
      ct('CT pulmonary angiography', 'CHEST', 380, 60, 34, true),
      other('NM', 'V/Q lung scan', 'CHEST', [1.5, 2.5]),
      other('US', 'US duplex lower extremity veins', 'EXTREMITY'),
      other('MR', 'MR angiography chest', 'CHEST'),
    ],
    departments: departments(
      ['Emergency', 0.6],
      ['Internal Medicine', 0.25],
      ['Pulmonology', 0.15],
    ),
    weights: { ADULT: 10, PREGNANT: 12 },
  },
  {
    key: 'RENAL_COLIC',
    group: 'RENAL_COLIC',
    codes: ['N20.0', 'N20.1', 'N23'],
    texts: [
      'left flank pain, ?ureteric stone',
      'renal colic',
      'right loin pain radiating to groin',
    ],
    comments: ['microscopic haematuria', 'first episode', 'known stone former', 'pain score 8/10'],
    procedures: [
      ct('CT KUB without contrast (stone protocol)', 'ABDOMEN_PELVIS', 450, 70, 42),
      other('US', 'US kidneys and bladder', 'ABDOMEN'),
      other('MR', 'MR urography', 'ABDOMEN'),
      other('DX', 'KUB radiograph', 'ABDOMEN'),
    ],
    departments: departments(['Emergency', 0.7], ['Urology', 0.3]),
    weights: { ADULT: 9, PREGNANT: 4, CHILD: 1 },
  },
  {
    key: 'APPENDICITIS',
    group: 'APPENDICITIS',
    codes: ['K35.80', 'R10.31', 'K35.80', 'K37'],
    texts: [
      'right lower quadrant pain, ?appendicitis',
      'suspected acute appendicitis',
      'RLQ pain and fever',
    ],
    comments: ['WBC 14.2', 'Alvarado score 7', 'rebound tenderness RLQ', 'anorexia, nausea'],
    procedures: [
      CT_ABDOMEN_PELVIS,
      other('US', 'US right lower quadrant', 'ABDOMEN'),
      other('MR', 'MRI abdomen-pelvis without contrast', 'ABDOMEN_PELVIS'),
    ],
    departments: departments(['Emergency', 0.7], ['Surgery', 0.3]),
    weights: { ADULT: 7, PREGNANT: 5, CHILD: 8 },
  },
  {
    key: 'RUQ_PAIN',
    group: 'RUQ_PAIN',
    codes: ['R10.11', 'K80.20', 'K81.0'],
    texts: ['right upper quadrant pain', 'suspected cholecystitis', 'biliary colic'],
    comments: ['Murphy sign positive', 'ALP raised', 'post-prandial pain'],
    procedures: [
      US_ABDOMEN,
      ct('CT abdomen with contrast', 'ABDOMEN', 500, 70, 30, true),
      other('MR', 'MRCP', 'ABDOMEN'),
      other('NM', 'Hepatobiliary scintigraphy (HIDA)', 'ABDOMEN'),
    ],
    departments: departments(['Emergency', 0.5], ['Surgery', 0.3], ['Gastroenterology', 0.2]),
    weights: { ADULT: 8, PREGNANT: 2 },
  },
  {
    key: 'SUBARACHNOID_HEMORRHAGE',
    group: 'SUBARACHNOID_HEMORRHAGE',
    codes: ['R51.9', 'I60.9', 'R51.9'],
    texts: [
      'sudden severe headache, worst of life',
      'thunderclap headache, ?SAH',
      'suspected subarachnoid haemorrhage',
    ],
    comments: ['onset during exertion', 'neck stiffness', 'GCS 15'],
    procedures: [CT_HEAD, MR_HEAD],
    departments: departments(['Emergency', 0.8], ['Neurology', 0.2]),
    weights: { ADULT: 5 },
  },
  {
    key: 'HEAD_TRAUMA',
    group: 'HEAD_TRAUMA',
    codes: ['S06.0X0A', 'S06.0X1A', 'S09.90XA'],
    texts: [
      'head injury after fall',
      'minor head trauma, on anticoagulants',
      'concussion, vomiting twice',
    ],
    comments: ['Canadian CT head rule positive', 'on apixaban', 'brief loss of consciousness'],
    procedures: [CT_HEAD, MR_HEAD],
    departments: departments(['Emergency', 0.85], ['Surgery', 0.15]),
    weights: { ADULT: 9, PREGNANT: 1, CHILD: 6 },
  },
  {
    key: 'SMALL_BOWEL_OBSTRUCTION',
    group: 'SMALL_BOWEL_OBSTRUCTION',
    codes: ['K56.69', 'K56.609', 'K56.7'],
    texts: [
      'suspected small bowel obstruction',
      'distension and vomiting, ?SBO',
      'adhesional obstruction?',
    ],
    comments: ['previous laparotomy', 'no flatus 24 h', 'tinkling bowel sounds'],
    procedures: [
      CT_ABDOMEN_PELVIS,
      other('MR', 'MR enterography', 'ABDOMEN_PELVIS'),
      other('DX', 'Abdominal radiograph', 'ABDOMEN'),
      other('US', 'US abdomen', 'ABDOMEN'),
    ],
    departments: departments(['Emergency', 0.5], ['Surgery', 0.5]),
    weights: { ADULT: 4 },
  },
  {
    key: 'DIVERTICULITIS',
    group: 'DIVERTICULITIS',
    codes: ['K57.32', 'K57.92', 'K57.32'],
    texts: [
      'left lower quadrant pain, ?diverticulitis',
      'suspected diverticulitis',
      'LLQ pain and fever',
    ],
    comments: ['CRP 120', 'previous episode 2 years ago', 'tender LLQ'],
    procedures: [
      CT_ABDOMEN_PELVIS,
      other('US', 'US abdomen', 'ABDOMEN'),
      other('MR', 'MRI abdomen-pelvis', 'ABDOMEN_PELVIS'),
    ],
    departments: departments(['Emergency', 0.6], ['Surgery', 0.25], ['Gastroenterology', 0.15]),
    weights: { ADULT: 5 },
  },
  {
    key: 'LUNG_NODULE',
    group: 'LUNG_NODULE',
    codes: ['R91.1'],
    texts: [
      'pulmonary nodule follow-up',
      'incidental lung nodule, Fleischner follow-up',
      'solitary pulmonary nodule',
    ],
    comments: ['6 mm solid nodule RUL', 'ex-smoker 30 pack-years', 'stable at last scan'],
    procedures: [
      CT_CHEST,
      other('DX', 'Chest radiograph PA and lateral', 'CHEST'),
      other('MR', 'MRI chest', 'CHEST'),
    ],
    departments: departments(['Pulmonology', 0.7], ['Internal Medicine', 0.3]),
    weights: { ADULT: 2 },
  },
  {
    key: 'CANCER_STAGING',
    group: 'CANCER_STAGING',
    codes: ['C34.90', 'C50.919', 'C18.9', 'C25.9', 'C61', 'C56.9', 'C83.30'],
    texts: [
      'cancer staging',
      'restaging after chemotherapy',
      'surveillance imaging',
      'response assessment',
    ],
    comments: ['cycle 4 completed', 'tumour board request', 'CEA rising', 'routine surveillance'],
    procedures: [
      CT_CHEST_ABDOMEN_PELVIS,
      PET_CT,
      other('MR', 'MRI abdomen with contrast', 'ABDOMEN'),
      other('US', 'US abdomen', 'ABDOMEN'),
    ],
    departments: departments(['Oncology', 0.85], ['Internal Medicine', 0.15]),
    weights: { ADULT: 1.5 },
  },
  {
    key: 'ACUTE_STROKE',
    group: 'ACUTE_STROKE',
    codes: ['I63.9', 'I63.50', 'I63.9'],
    texts: [
      'acute focal neurological deficit',
      'stroke alert, left arm weakness',
      'dysphasia onset 2 h ago',
    ],
    comments: ['NIHSS 7', 'last known well 09:40', 'on warfarin'],
    procedures: [CT_HEAD, other('MR', 'MRI brain with DWI', 'HEAD')],
    departments: departments(['Emergency', 0.6], ['Neurology', 0.4]),
    weights: { ADULT: 5 },
  },
  {
    key: 'TRANSIENT_ISCHEMIC_ATTACK',
    group: 'TRANSIENT_ISCHEMIC_ATTACK',
    codes: ['G45.9'],
    texts: ['transient ischaemic attack', 'TIA, resolved weakness', 'transient amaurosis'],
    comments: ['ABCD2 score 4', 'symptoms resolved in 20 min'],
    procedures: [other('MR', 'MRI brain with and without contrast', 'HEAD'), CT_HEAD],
    departments: departments(['Neurology', 0.7], ['Emergency', 0.3]),
    weights: { ADULT: 4 },
  },
  {
    key: 'C_SPINE_TRAUMA',
    group: 'C_SPINE_TRAUMA',
    codes: ['S12.9XXA', 'S13.4XXA'],
    texts: [
      'neck pain after road traffic collision',
      'cervical spine injury?',
      'fall from height, neck tenderness',
    ],
    comments: ['NEXUS criteria positive', 'midline tenderness C5', 'age > 65, dangerous mechanism'],
    procedures: [
      ct('CT cervical spine without contrast', 'SPINE', 450, 70, 20),
      other('DX', 'Cervical spine radiographs', 'SPINE'),
      other('MR', 'MRI cervical spine', 'SPINE'),
    ],
    departments: departments(['Emergency', 0.8], ['Orthopaedics', 0.2]),
    weights: { ADULT: 4 },
  },
  {
    key: 'BLUNT_ABDOMINAL_TRAUMA',
    group: 'BLUNT_ABDOMINAL_TRAUMA',
    codes: ['S36.116A', 'S36.039A', 'S39.81XA'],
    texts: [
      'major blunt trauma',
      'road traffic collision, abdominal pain',
      'fall from height, haemodynamically stable',
    ],
    comments: ['trauma call', 'seat-belt sign', 'FAST equivocal'],
    procedures: [
      ct('CT trauma whole body with contrast', 'WHOLE_BODY', 1800, 200, 95, true),
      other('US', 'FAST ultrasound', 'ABDOMEN'),
      other('MR', 'MRI abdomen', 'ABDOMEN'),
    ],
    departments: departments(['Emergency', 0.85], ['Surgery', 0.15]),
    weights: { ADULT: 3 },
  },
  {
    key: 'DVT',
    group: 'DVT',
    codes: ['I82.409', 'I82.401'],
    texts: [
      'suspected deep vein thrombosis',
      'swollen painful left calf',
      'unilateral leg swelling',
    ],
    comments: ['Wells DVT score 3', 'post-operative day 5'],
    procedures: [
      other('US', 'US duplex lower extremity veins', 'EXTREMITY'),
      other('MR', 'MR venography', 'PELVIS'),
      ct('CT venography', 'PELVIS', 500, 70, 40, true),
    ],
    departments: departments(['Emergency', 0.5], ['Internal Medicine', 0.3], ['Surgery', 0.2]),
    weights: { ADULT: 6, PREGNANT: 3 },
  },
  {
    key: 'CROHN_DISEASE',
    group: 'CROHN_DISEASE',
    codes: ['K50.90', 'K50.919'],
    texts: ['Crohn disease flare', 'Crohn disease surveillance', 'terminal ileitis'],
    comments: ['calprotectin 850', 'on adalimumab'],
    procedures: [
      other('MR', 'MR enterography', 'ABDOMEN_PELVIS'),
      ct('CT enterography', 'ABDOMEN_PELVIS', 700, 80, 48, true),
    ],
    departments: departments(['Gastroenterology', 0.8], ['Emergency', 0.2]),
    weights: { ADULT: 1 },
  },
  {
    key: 'ACUTE_PANCREATITIS',
    group: 'ACUTE_PANCREATITIS',
    codes: ['K85.90', 'K85.10'],
    texts: ['acute pancreatitis', 'epigastric pain radiating to back', 'lipase 5x ULN'],
    comments: ['gallstones known', 'alcohol history'],
    procedures: [
      US_ABDOMEN,
      ct('CT abdomen with contrast', 'ABDOMEN', 500, 70, 30, true),
      other('MR', 'MRCP', 'ABDOMEN'),
    ],
    departments: departments(['Emergency', 0.5], ['Gastroenterology', 0.3], ['Surgery', 0.2]),
    weights: { ADULT: 3 },
  },
  {
    key: 'LOW_BACK_PAIN',
    group: 'LOW_BACK_PAIN',
    codes: ['M54.50', 'M54.59'],
    texts: ['low back pain', 'chronic low back pain, no red flags', 'mechanical back pain'],
    comments: ['6 weeks of symptoms', 'physiotherapy ongoing'],
    procedures: [
      other('MR', 'MRI lumbar spine', 'SPINE'),
      other('DX', 'Lumbar spine radiographs', 'SPINE'),
      ct('CT lumbar spine', 'SPINE', 600, 90, 22),
    ],
    departments: departments(['Orthopaedics', 0.6], ['Internal Medicine', 0.2], ['Emergency', 0.2]),
    weights: { ADULT: 5 },
  },
  {
    key: 'PELVIC_PAIN_PREGNANCY',
    group: 'PELVIC_PAIN_PREGNANCY',
    codes: ['O00.90', 'O20.0'],
    texts: [
      'pelvic pain, positive beta-hCG',
      'suspected ectopic pregnancy',
      'vaginal bleeding in early pregnancy',
    ],
    comments: ['beta-hCG 1850', 'LMP 7 weeks ago'],
    procedures: [other('US', 'Transvaginal US', 'PELVIS'), other('MR', 'MRI pelvis', 'PELVIS')],
    departments: departments(['Obstetrics', 0.6], ['Emergency', 0.4]),
    weights: { PREGNANT: 10 },
  },
  {
    key: 'INTUSSUSCEPTION',
    group: 'INTUSSUSCEPTION',
    codes: ['K56.1'],
    texts: ['suspected intussusception', 'intermittent colicky pain, redcurrant stool'],
    comments: ['age 14 months', 'paediatric pathway: US first'],
    procedures: [US_ABDOMEN, other('DX', 'Abdominal radiograph', 'ABDOMEN')],
    departments: departments(['Paediatrics', 0.8], ['Emergency', 0.2]),
    weights: { CHILD: 2 },
  },
  {
    key: 'SCOLIOSIS',
    group: 'SCOLIOSIS',
    codes: ['M41.9', 'M41.125'],
    texts: ['adolescent scoliosis follow-up', 'idiopathic scoliosis, Cobb angle check'],
    comments: ['Cobb 24 degrees last year', 'brace since 2024'],
    procedures: [
      other('DX', 'Scoliosis radiographs full spine', 'SPINE'),
      other('MR', 'MRI whole spine', 'SPINE'),
    ],
    departments: departments(['Orthopaedics', 0.6], ['Paediatrics', 0.4]),
    weights: { CHILD: 2 },
  },
  {
    key: 'COUGH',
    group: null,
    codes: ['R05.9', 'R06.02', 'J18.9'],
    texts: ['persistent cough', 'shortness of breath', 'suspected pneumonia'],
    comments: ['febrile', 'crackles left base'],
    procedures: [DX_CHEST],
    departments: departments(['Emergency', 0.5], ['Internal Medicine', 0.3], ['Paediatrics', 0.2]),
    weights: { ADULT: 10, CHILD: 6, PREGNANT: 1 },
  },
  {
    key: 'SYNCOPE',
    group: null,
    codes: ['R55'],
    texts: ['syncope', 'collapse, query cause'],
    comments: ['no head injury', 'on antihypertensives'],
    procedures: [CT_HEAD],
    departments: departments(['Emergency', 0.8], ['Internal Medicine', 0.2]),
    weights: { ADULT: 2 },
  },
  {
    key: 'ABDOMINAL_PAIN',
    group: null,
    codes: ['R10.9', 'R10.84'],
    texts: ['abdominal pain', 'generalised abdominal pain'],
    comments: ['non-specific pain', 'bloating'],
    procedures: [US_ABDOMEN],
    departments: departments(['Emergency', 0.5], ['Gastroenterology', 0.3], ['Paediatrics', 0.2]),
    weights: { ADULT: 4, CHILD: 4, PREGNANT: 2 },
  },
  {
    key: 'KNEE_PAIN',
    group: null,
    codes: ['M25.561', 'M25.562', 'S83.90XA'],
    texts: ['knee pain', 'knee injury, ?fracture'],
    comments: ['Ottawa knee rule positive', 'twisting injury'],
    procedures: [other('DX', 'Knee radiographs', 'EXTREMITY')],
    departments: departments(['Orthopaedics', 0.6], ['Emergency', 0.4]),
    weights: { ADULT: 4, CHILD: 3 },
  },
  {
    key: 'CLAUDICATION',
    group: null,
    codes: ['I70.219', 'I70.213'],
    texts: ['intermittent claudication', 'peripheral arterial disease, planning'],
    comments: ['ABI 0.6', 'pre-revascularisation'],
    procedures: [XA_PERIPHERAL],
    departments: departments(['Surgery', 1]),
    weights: { ADULT: 0.6 },
  },
];

export const INDICATION_BY_KEY: ReadonlyMap<string, IndicationSpec> = new Map(
  INDICATIONS.map((indication) => [indication.key, indication]),
);

/** Imaging with no order in the extract (history before the window), beyond the indications. */
export const SCREENING_HISTORY: readonly WeightedItem<ProcedureSpec>[] = [
  { item: DX_CHEST, weight: 5 },
  { item: US_ABDOMEN, weight: 2 },
  { item: MR_HEAD, weight: 1 },
  { item: other('DX', 'Wrist radiographs', 'EXTREMITY'), weight: 1 },
  { item: other('RF', 'Barium swallow', 'ABDOMEN'), weight: 0.3 },
  { item: other('XA', 'Coronary angiography', 'CARDIAC'), weight: 0.4 },
  { item: XA_PERIPHERAL, weight: 0.15 },
  { item: other('NM', 'Bone scan', 'WHOLE_BODY', [5, 7]), weight: 0.2 },
];

// ----- Texts -------------------------------------------------------------------------------

/** Dose talk of a steering clinician; `{ct12}`, `{ct5y}`, `{ced}` and `{alt}` are filled in. */
export const DOSE_REASONS_WITH_CT_COUNT: readonly string[] = [
  'pt has had {ct12} CTs this year',
  'patient has had {ct12} CT scans in the last 12 months, no more CT',
];
export const DOSE_REASONS_WITH_CED: readonly string[] = [
  'cumulative dose > {ced} mSv',
  'high cumulative radiation dose ({ced}+ mSv) per dose tracker',
];
export const DOSE_REASONS: readonly string[] = [
  'limit further radiation',
  'dose alert – switch to {alt}',
  'heavily imaged, avoid another CT',
  'too much radiation already, {alt} instead',
  'many prior CTs – minimise radiation exposure',
  'pt has had {ct5y} CTs in recent years, {alt} instead',
  'radiation exposure concern given imaging history',
  'avoid more ionising radiation, multiple previous scans',
];
/** At order entry the dose talk goes into the comment. */
export const DOSE_ENTRY_COMMENTS: readonly string[] = [
  '{alt} rather than CT – limit further radiation',
  'prefer {alt}: pt has had {ct5y} CTs',
  'dose alert noted, requesting {alt} instead',
  'heavily imaged patient, avoiding CT',
];
/** Empty or contentless reasons: no motive can be read from them. */
export const CONTENTLESS_REASONS: readonly string[] = [
  '',
  '',
  '',
  'changed per provider',
  'per provider',
  'order modified',
  'per attending',
  'see clinical notes',
  'modality updated',
];

export const PREGNANCY_REASONS: readonly string[] = [
  'patient pregnant – switch to {alt} per protocol',
  'pregnant, {weeks} weeks – {alt} instead',
  'positive beta-hCG, avoid CT',
  'pregnancy: avoid radiation to the fetus, {alt} first',
];
export const CONTRAST_ALLERGY_REASONS: readonly string[] = [
  'contrast allergy – {alt} instead',
  'history of anaphylaxis to iodinated contrast',
  'known contrast allergy, switch to {alt}',
];
export const RENAL_REASONS: readonly string[] = [
  'eGFR {egfr}, avoid iodinated contrast',
  'AKI – no IV contrast, {alt} instead',
  'low eGFR – switch to {alt}',
];
export const BETTER_TEST_REASONS: readonly string[] = [
  'radiology recommends {alt} as the better test for this question',
  'per radiologist, {alt} is the better test here',
  'discussed with radiology: {alt} more appropriate for this question',
];
export const PRIOR_RESULT_REASONS: readonly string[] = [
  'CT from {days} days ago already answers the question',
  'recent CT already answers the clinical question',
  'question answered by imaging done this week',
];
export const PATIENT_REFUSAL_REASONS: readonly string[] = [
  'patient declined CT',
  'patient refused the scan',
  'pt refuses CT, worried about radiation',
  'patient declined, left before the scan',
];
export const PATIENT_REFUSAL_CODES: readonly string[] = ['Z53.20', 'Z53.29', 'Z53.21'];
export const OPERATIONAL_REASONS: readonly string[] = [
  'CT scanner down for maintenance',
  'no CT slot available this week – {alt} booked',
  'CT unavailable, scanner maintenance',
  'transport not available for CT',
  'scheduling: earlier {alt} slot available',
];
export const NEGATED_DOSE_REASONS: readonly string[] = [
  'dose not a factor, {alt} per radiology',
  'no radiation concerns – {alt} for clinical reasons',
  'not because of dose: {alt} first for clinical reasons',
  'radiation dose is not a concern here; {alt} preferred clinically',
];
export const NEGATED_DOSE_COMMENTS: readonly string[] = [
  'dose not a concern, CT indicated',
  'no radiation concerns, proceed',
  'prior imaging reviewed, dose not a factor',
];
export const CONTRAST_ALLERGY_COMMENTS: readonly string[] = [
  'known contrast allergy',
  'anaphylaxis to contrast 2019',
];
export const PREMEDICATION_COMMENTS: readonly string[] = [
  'contrast allergy – premedicated per protocol',
  'mild contrast reaction previously, steroid premedication given',
];
export const RENAL_COMMENTS: readonly string[] = ['AKI, creatinine rising', 'CKD stage 4'];
export const PAEDIATRIC_COMMENTS: readonly string[] = [
  'paediatric pathway: US first',
  'child – avoid radiation, US first per pathway',
];
export const CASCADE_COMMENTS: readonly string[] = [
  'non-diagnostic {alt}, proceed to CT',
  'symptoms persist after {alt}, CT requested',
  '{alt} inconclusive',
];
