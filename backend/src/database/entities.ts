import {
  DoseReportEventEntity,
  DoseReportStudyEntity,
} from '../modules/model/entities/dose-report.entity.js';
import { LandingDoseReportEntity } from '../modules/ingestion/entities/landing-dose-report.entity.js';
import { ExamDoseEntity } from '../modules/dose/entities/exam-dose.entity.js';
import { OrderDoseEntity } from '../modules/dose/entities/order-dose.entity.js';
import {
  IngestRunEntity,
  LandingExamEntity,
  LandingOrderChangeEntity,
  LandingOrderEntity,
  LandingPatientEntity,
  RejectionEntity,
} from '../modules/ingestion/entities/landing.entity.js';
import {
  DepartmentEntity,
  ExamEntity,
  OrderChangeEntity,
  OrderEntity,
  PatientEntity,
  ProviderEntity,
} from '../modules/model/entities/model.entity.js';
import {
  AppropriatenessEntity,
  DlpCoefficientEntity,
  IndicationGroupEntity,
  ReferenceVersionEntity,
  TypicalDoseEntity,
} from '../modules/reference/entities/reference.entity.js';
import {
  OrderAssessmentEntity,
  OrderSignalEntity,
  OrderTextFactsEntity,
  ProviderPatternEntity,
} from '../modules/steering/entities/assessment.entity.js';
import { SourceWatermarkEntity } from '../modules/ingestion/entities/source-watermark.entity.js';
import { ApiTokenEntity } from '../modules/auth/entities/api-token.entity.js';
import { AuditEventEntity } from '../modules/auth/audit/audit-event.entity.js';
import { SessionEntity } from '../modules/auth/entities/session.entity.js';
import { UserEntity } from '../modules/auth/entities/user.entity.js';
import { SettingsVersionEntity } from '../modules/settings/entities/settings-version.entity.js';
import { SiteSecretEntity } from '../modules/vocabulary/site-secret.entity.js';
import {
  CaseAssignmentEntity,
  CaseReviewEntity,
} from '../modules/cases/entities/case-review.entity.js';

export const ENTITIES = [
  DepartmentEntity,
  ProviderEntity,
  PatientEntity,
  OrderEntity,
  OrderChangeEntity,
  ExamEntity,
  ExamDoseEntity,
  OrderDoseEntity,
  LandingPatientEntity,
  LandingOrderEntity,
  LandingOrderChangeEntity,
  LandingExamEntity,
  IngestRunEntity,
  RejectionEntity,
  ReferenceVersionEntity,
  DlpCoefficientEntity,
  TypicalDoseEntity,
  IndicationGroupEntity,
  AppropriatenessEntity,
  SettingsVersionEntity,
  OrderAssessmentEntity,
  OrderSignalEntity,
  OrderTextFactsEntity,
  ProviderPatternEntity,
  SourceWatermarkEntity,
  LandingDoseReportEntity,
  DoseReportStudyEntity,
  DoseReportEventEntity,
  SiteSecretEntity,
  UserEntity,
  SessionEntity,
  ApiTokenEntity,
  AuditEventEntity,
  CaseReviewEntity,
  CaseAssignmentEntity,
];
