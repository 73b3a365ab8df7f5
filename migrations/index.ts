// Every migration, in order. A migration once landed is never edited: add a new one.
import { InitialSchema1795696630556 } from './1795696630556-InitialSchema.js';
import { DetectionEngine1795697087273 } from './1795697087273-DetectionEngine.js';
import { SourceWatermarks1795697130590 } from './1795697130590-SourceWatermarks.js';
import { DoseReports1795697608519 } from './1795697608519-DoseReports.js';
import { ClinicianReferencePattern1795697900000 } from './1795697900000-ClinicianReferencePattern.js';
import { ExamsFillfactor1795800100000 } from './1795800100000-ExamsFillfactor.js';
import { ExamsPerformedAtIndex1795800100001 } from './1795800100001-ExamsPerformedAtIndex.js';

export const MIGRATIONS = [
  InitialSchema1795696630556,
  DetectionEngine1795697087273,
  SourceWatermarks1795697130590,
  DoseReports1795697608519,
  ClinicianReferencePattern1795697900000,
  ExamsFillfactor1795800100000,
  ExamsPerformedAtIndex1795800100001,
];
