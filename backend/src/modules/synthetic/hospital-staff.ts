/** The ordering clinicians and radiologists of the demo hospital, and which clinicians steer. */
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES } from './hospital-model.data.js';
import type { DepartmentName } from './hospital-model.data.js';
import type { SeededRandom } from './random.js';

export interface Clinician {
  readonly providerId: string;
  readonly name: string;
  readonly department: DepartmentName;
  /** Steers HIGH-band patients away from indicated CT (the truth the product should find). */
  readonly steers: boolean;
}

export interface HospitalStaff {
  readonly clinicians: readonly Clinician[];
  readonly cliniciansByDepartment: ReadonlyMap<DepartmentName, readonly Clinician[]>;
  readonly radiologistIds: readonly string[];
}

export const PATIENTS_PER_CLINICIAN = 250;
export const MINIMUM_CLINICIANS = 20;
export const STEERING_CLINICIAN_SHARE = 0.15;

export const countClinicians = (patientCount: number): number =>
  Math.max(MINIMUM_CLINICIANS, Math.round(patientCount / PATIENTS_PER_CLINICIAN));

const formatId = (prefix: string, number: number, width: number): string =>
  `${prefix}${String(number).padStart(width, '0')}`;

/** Every department gets at least one clinician; the rest follow the staff shares. */
const allocateDepartments = (clinicianCount: number): DepartmentName[] => {
  const counts = DEPARTMENTS.map((department) => ({
    name: department.name,
    count: Math.max(1, Math.floor(department.staffShare * clinicianCount)),
  }));
  let assigned = counts.reduce((sum, entry) => sum + entry.count, 0);
  for (let index = 0; assigned < clinicianCount; index = (index + 1) % counts.length) {
    (counts[index] as { count: number }).count += 1;
    assigned += 1;
  }
  return counts.flatMap((entry) => Array.from({ length: entry.count }, () => entry.name));
};

/**
 * Steering is a habit of clinicians who order CT for heavily imaged patients and see dose alerts:
 * one in Emergency and one in Oncology always, the rest drawn with these weights.
 */
const STEERING_WEIGHT_OF: Readonly<Record<DepartmentName, number>> = {
  Emergency: 3,
  'Internal Medicine': 3,
  Oncology: 4,
  Surgery: 2,
  // few indicated-CT opportunities for HIGH-band patients: steering there would be invisible
  Paediatrics: 0,
  Obstetrics: 0,
  Neurology: 0.5,
  Orthopaedics: 0,
  Gastroenterology: 1.5,
  Urology: 1.5,
  Pulmonology: 2,
};

const chooseSteeringClinicians = (
  departments: readonly DepartmentName[],
  random: SeededRandom,
): Set<number> => {
  const steeringCount = Math.max(2, Math.round(departments.length * STEERING_CLINICIAN_SHARE));
  const chosen = new Set<number>();
  for (const department of ['Emergency', 'Oncology'] as const) {
    const indexes = departments.flatMap((name, index) => (name === department ? [index] : []));
    if (indexes.length > 0) chosen.add(random.pick(indexes));
  }
  while (chosen.size < steeringCount) {
    const candidates = departments.flatMap((name, index) =>
      chosen.has(index) ? [] : [{ item: index, weight: STEERING_WEIGHT_OF[name] }],
    );
    chosen.add(random.pickWeighted(candidates));
  }
  return chosen;
};

export interface StaffOptions {
  /** Number of ordering clinicians; default countClinicians(patients). */
  readonly clinicians?: number;
  /** false: nobody steers (the steering clinicians are still drawn, so names stay the same). */
  readonly steering?: boolean;
}

/** The fewest clinicians a hospital can have: one per department. */
export const MINIMUM_CLINICIANS_OPTION = DEPARTMENTS.length;

export const createHospitalStaff = (
  patientCount: number,
  random: SeededRandom,
  options: StaffOptions = {},
): HospitalStaff => {
  const departments = allocateDepartments(options.clinicians ?? countClinicians(patientCount));
  const drawn = chooseSteeringClinicians(departments, random);
  const steeringIndexes = options.steering === false ? new Set<number>() : drawn;
  const clinicians = departments.map((department, index): Clinician => ({
    providerId: formatId('P', index + 1, 4),
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    department,
    steers: steeringIndexes.has(index),
  }));
  const cliniciansByDepartment = new Map<DepartmentName, Clinician[]>();
  for (const clinician of clinicians) {
    const list = cliniciansByDepartment.get(clinician.department) ?? [];
    list.push(clinician);
    cliniciansByDepartment.set(clinician.department, list);
  }
  const radiologistCount = Math.max(4, Math.round(clinicians.length / 8));
  const radiologistIds = Array.from({ length: radiologistCount }, (_unused, index) =>
    formatId('R', index + 1, 4),
  );
  return { clinicians, cliniciansByDepartment, radiologistIds };
};
