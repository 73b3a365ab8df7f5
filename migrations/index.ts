// Every migration, in order. A migration once landed is never edited: add a new one.
import { InitialSchema1795696630556 } from './1795696630556-InitialSchema.js';
import { DetectionEngine1795697087273 } from './1795697087273-DetectionEngine.js';
import { SourceWatermarks1795697130590 } from './1795697130590-SourceWatermarks.js';
import { DoseReports1795697608519 } from './1795697608519-DoseReports.js';
import { ClinicianReferencePattern1795697900000 } from './1795697900000-ClinicianReferencePattern.js';
import { ClinicianFalseDiscovery1795800200000 } from './1795800200000-ClinicianFalseDiscovery.js';
import { Auth1795800300000 } from './1795800300000-Auth.js';
import { SiteSecrets1795800400000 } from './1795800400000-SiteSecrets.js';
import { AssessmentMonthIndex1795800400001 } from './1795800400001-AssessmentMonthIndex.js';
import { CaseReview1795800500000 } from './1795800500000-CaseReview.js';
import { CaseReviewStatusFunction1795800500100 } from './1795800500100-CaseReviewStatusFunction.js';
import { ExamsFillfactor1795800100000 } from './1795800100000-ExamsFillfactor.js';
import { ExamsPerformedAtIndex1795800100001 } from './1795800100001-ExamsPerformedAtIndex.js';
import { UnloggedLanding1795900300000 } from './1795900300000-UnloggedLanding.js';
import { ExamDoses1795900400000 } from './1795900400000-ExamDoses.js';
import { AssessmentStaleIndexes1795900400001 } from './1795900400001-AssessmentStaleIndexes.js';
import { ProviderPatternCounts1795900400002 } from './1795900400002-ProviderPatternCounts.js';
import { MonthlyRollups1795900500000 } from './1795900500000-MonthlyRollups.js';
import { IngestRunFiles1795900800000 } from './1795900800000-IngestRunFiles.js';
import { OidcLoginStates1795900800100 } from './1795900800100-OidcLoginStates.js';
import { ClinicianRollups1796000200000 } from './1796000200000-ClinicianRollups.js';
import { UnassessedLoads1796000500000 } from './1796000500000-UnassessedLoads.js';
import { ClinicianTotals1796000730000 } from './1796000730000-ClinicianTotals.js';
import { PatientDistinct1796000800000 } from './1796000800000-PatientDistinct.js';
import { ClinicianRollupsProvider1796000800100 } from './1796000800100-ClinicianRollupsProvider.js';
import { AssessmentDepartment1796000900000 } from './1796000900000-AssessmentDepartment.js';
import { AssessmentCasesIndex1796000900100 } from './1796000900100-AssessmentCasesIndex.js';
import { PatternOwnFacts1796000900200 } from './1796000900200-PatternOwnFacts.js';
import { AssessmentNewest1796000900300 } from './1796000900300-AssessmentNewest.js';
import { DashboardGeneration1796000900400 } from './1796000900400-DashboardGeneration.js';
import { DashboardGenerationNames1796000900500 } from './1796000900500-DashboardGenerationNames.js';
import { OrdersOneOrderedAtIndex1796001000000 } from './1796001000000-OrdersOneOrderedAtIndex.js';
import { ExamsOrderIndexPartial1796001100000 } from './1796001100000-ExamsOrderIndexPartial.js';

export const MIGRATIONS = [
  InitialSchema1795696630556,
  DetectionEngine1795697087273,
  SourceWatermarks1795697130590,
  DoseReports1795697608519,
  ClinicianReferencePattern1795697900000,
  ExamsFillfactor1795800100000,
  ExamsPerformedAtIndex1795800100001,
  ClinicianFalseDiscovery1795800200000,
  Auth1795800300000,
  SiteSecrets1795800400000,
  AssessmentMonthIndex1795800400001,
  CaseReview1795800500000,
  CaseReviewStatusFunction1795800500100,
  UnloggedLanding1795900300000,
  ExamDoses1795900400000,
  AssessmentStaleIndexes1795900400001,
  ProviderPatternCounts1795900400002,
  MonthlyRollups1795900500000,
  IngestRunFiles1795900800000,
  OidcLoginStates1795900800100,
  ClinicianRollups1796000200000,
  UnassessedLoads1796000500000,
  ClinicianTotals1796000730000,
  PatientDistinct1796000800000,
  ClinicianRollupsProvider1796000800100,
  AssessmentDepartment1796000900000,
  AssessmentCasesIndex1796000900100,
  PatternOwnFacts1796000900200,
  AssessmentNewest1796000900300,
  DashboardGeneration1796000900400,
  DashboardGenerationNames1796000900500,
  OrdersOneOrderedAtIndex1796001000000,
  ExamsOrderIndexPartial1796001100000,
];
