import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  CaseLevel,
  CaseOrderField,
  Disposition,
  DoseBand,
  ExclusionCode,
  ReviewStatus,
  SignalCode,
  SortDirection,
} from '../../vocabulary/graphql-enums.js';
import { AnalysisFilterInput } from '../../analytics/dto/analysis-filter.input.js';
import { PageInfoObject } from '../../vocabulary/page-info.object.js';

@InputType('CaseFilter')
export class CaseFilterInput {
  @Field(() => AnalysisFilterInput, { nullable: true }) analysis?: AnalysisFilterInput | null;
  @Field(() => [ReviewStatus], { nullable: true }) reviewStatuses?: ReviewStatus[] | null;
  @Field(() => [SignalCode], { nullable: true }) signals?: SignalCode[] | null;
  @Field(() => [ExclusionCode], { nullable: true }) exclusions?: ExclusionCode[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only cases assigned to the caller',
  })
  assignedToMe?: boolean | null;
}

@InputType('CaseOrder')
export class CaseOrderInput {
  @Field(() => CaseOrderField) field: CaseOrderField;
  @Field(() => SortDirection) direction: SortDirection;
}

@ObjectType('ClinicianRef', { description: 'A clinician as the caller may see them' })
export class ClinicianRefObject {
  @Field({
    description:
      'provider_id; for COMMITTEE a stable pseudonym such as C-3F9A2B (unless committee.show_clinician_names)',
  })
  key: string;
  @Field({ description: 'provider_name (or the provider_id); the pseudonym for COMMITTEE' })
  label: string;
}

@ObjectType('CaseSummary')
export class CaseSummaryObject {
  @Field(() => ID, { description: 'Opaque case id (stable; use it in case(id) and the URL)' })
  id: string;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  orderId: string | null;
  @Field({ description: 'ISO 8601 instant; for COMMITTEE the first instant of the month' })
  orderedAt: string;
  @Field({ description: 'YYYY-MM, site time zone' }) month: string;
  @Field(() => String, { nullable: true }) department: string | null;
  @Field(() => ClinicianRefObject, { nullable: true }) clinician: ClinicianRefObject | null;
  @Field(() => String, { nullable: true }) indicationGroup: string | null;
  @Field(() => String, { nullable: true }) setting: string | null;
  @Field() population: string;
  @Field() requestedModality: string;
  @Field({ description: 'CT, US, MR ... or CANCELLED / NOT_PERFORMED / PENDING' })
  outcomeModality: string;
  @Field({ description: 'KEPT SUBSTITUTED DOWNGRADED ...' }) outcome: string;
  @Field(() => CaseLevel) level: CaseLevel;
  @Field(() => Float) score: number;
  @Field(() => DoseBand) band: DoseBand;
  @Field(() => Float, { nullable: true }) ced5yMsv: number | null;
  @Field(() => [SignalCode]) signals: SignalCode[];
  @Field(() => ExclusionCode, { nullable: true }) exclusion: ExclusionCode | null;
  @Field(() => ReviewStatus) reviewStatus: ReviewStatus;
  @Field(() => Disposition, { nullable: true }) latestDisposition: Disposition | null;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  assignee: string | null;
}

@ObjectType('CaseEdge')
export class CaseEdgeObject {
  @Field() cursor: string;
  @Field(() => CaseSummaryObject) node: CaseSummaryObject;
}

@ObjectType('CaseConnection')
export class CaseConnectionObject {
  @Field(() => [CaseEdgeObject]) edges: CaseEdgeObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
  @Field(() => Int) totalCount: number;
}

@ObjectType('CaseSignal')
export class CaseSignalObject {
  @Field(() => SignalCode) code: SignalCode;
  @Field({ description: 'Plain sentence with no free text, for every role' }) summary: string;
  @Field(() => String, {
    nullable: true,
    description: 'The stored explanation (may quote order texts); null for COMMITTEE',
  })
  explanation: string | null;
}

@ObjectType('ExclusionCheck')
export class ExclusionCheckObject {
  @Field(() => ExclusionCode) code: ExclusionCode;
  @Field({ description: 'true when this exclusion cleared the order' }) applied: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'What triggered or was looked at; null for COMMITTEE',
  })
  detail: string | null;
}

@ObjectType('ClinicianPattern')
export class ClinicianPatternObject {
  @Field() sentence: string;
  @Field(() => Float, { nullable: true }) oddsRatio: number | null;
  @Field(() => Float, { nullable: true }) lower95: number | null;
  @Field(() => Float, { nullable: true }) upper95: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'How many clinicians were compared in the same analysis',
  })
  compared: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Multiplicity-adjusted q of the clinician's pattern",
  })
  qValue: number | null;
}

@ObjectType('CasePatient')
export class CasePatientObject {
  @Field() patientId: string;
  @Field() birthDate: string;
  @Field(() => String, { nullable: true }) sex: string | null;
  @Field(() => Int) ageAtOrder: number;
}

@ObjectType('OrderChangeEvent')
export class OrderChangeEventObject {
  @Field() changedAt: string;
  @Field() action: string;
  @Field(() => String, { nullable: true }) newModality: string | null;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  reason: string | null;
}

@ObjectType('TimelineExam')
export class TimelineExamObject {
  @Field() accession: string;
  @Field() performedAt: string;
  @Field() modality: string;
  @Field(() => String, { nullable: true }) bodyRegion: string | null;
  @Field(() => Float, { nullable: true }) effectiveDoseMsv: number | null;
  @Field({
    description: 'recorded | rdsr_estimate | dlp_estimate | typical | non_ionizing | unknown',
  })
  doseSource: string;
  @Field(() => Float, {
    description:
      "Running sum of effective dose over all the patient's exams up to and including this one",
  })
  cumulativeMsv: number;
  @Field(() => Float, { description: 'CED over the 5 years before and including this exam' })
  ced5yMsv: number;
  @Field({ description: "This exam is the outcome of the case's order" }) isCaseOrder: boolean;
}

@ObjectType('PatientTimeline')
export class PatientTimelineObject {
  @Field() orderedAt: string;
  @Field(() => String, { nullable: true }) changedAt: string | null;
  @Field(() => [TimelineExamObject]) exams: TimelineExamObject[];
  @Field(() => Float, {
    description: 'dose band thresholds (CED 5 y, mSv) in force for the assessment',
  })
  highThresholdMsv: number;
  @Field(() => Float) moderateThresholdMsv: number;
  @Field(() => Float, {
    description:
      'CED over the 5 years before the order, from the exams listed (what the clinician could have seen)',
  })
  ced5yAtOrderMsv: number;
  @Field(() => Float, {
    description: 'Cumulative dose of every exam listed before the order',
  })
  cumulativeAtOrderMsv: number;
}

@ObjectType('CaseReview')
export class CaseReviewObject {
  @Field(() => ID) id: string;
  @Field(() => Disposition) disposition: Disposition;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' }) note: string | null;
  @Field(() => String, { nullable: true, description: 'reviewer email; null for COMMITTEE' })
  reviewer: string | null;
  @Field({ description: 'ISO instant; month for COMMITTEE' }) reviewedAt: string;
}

@ObjectType('AnalysisVersions')
export class AnalysisVersionsObject {
  @Field(() => Int) settingsVersion: number;
  @Field(() => Int) referenceVersion: number;
  @Field() lexiconVersion: string;
}

@ObjectType('CaseDetail')
export class CaseDetailObject {
  @Field(() => CaseSummaryObject) summary: CaseSummaryObject;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  indicationCode: string | null;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  indicationText: string | null;
  @Field(() => String, { nullable: true, description: 'null for COMMITTEE' })
  comment: string | null;
  @Field(() => Boolean, { nullable: true }) doseAlertShown: boolean | null;
  @Field(() => Float, { nullable: true }) ced12mMsv: number | null;
  @Field(() => Float, { nullable: true }) cedAllMsv: number | null;
  @Field(() => Int, { nullable: true }) priorCts12m: number | null;
  @Field(() => [CaseSignalObject]) signals: CaseSignalObject[];
  @Field(() => [ExclusionCheckObject]) exclusionsConsidered: ExclusionCheckObject[];
  @Field(() => ClinicianPatternObject, { nullable: true })
  clinicianPattern: ClinicianPatternObject | null;
  @Field(() => [OrderChangeEventObject]) changes: OrderChangeEventObject[];
  @Field(() => CasePatientObject, { nullable: true, description: 'null for COMMITTEE' })
  patient: CasePatientObject | null;
  @Field(() => PatientTimelineObject, { nullable: true, description: 'null for COMMITTEE' })
  timeline: PatientTimelineObject | null;
  @Field(() => [CaseReviewObject]) reviews: CaseReviewObject[];
  @Field(() => AnalysisVersionsObject) versions: AnalysisVersionsObject;
}

@InputType('ReviewCaseInput')
export class ReviewCaseInput {
  @Field(() => ID) caseId: string;
  @Field(() => Disposition) disposition: Disposition;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('AssignCaseInput')
export class AssignCaseInput {
  @Field(() => ID) caseId: string;
  @Field(() => String, { nullable: true, description: 'null unassigns' })
  assigneeEmail?: string | null;
}

@ObjectType('CaseAssignee', { description: 'A user a case can be assigned to' })
export class CaseAssigneeObject {
  @Field() email: string;
  @Field({ description: 'QUALITY_MANAGER or ADMIN' }) role: string;
}
