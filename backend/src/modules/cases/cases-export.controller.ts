import {
  BadRequestException,
  Controller,
  Get,
  Query,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import {
  CareSetting,
  CaseLevel,
  ExclusionCode,
  Population,
  ReviewStatus,
  SignalCode,
} from '../vocabulary/graphql-enums.js';
import { toHttpException } from '../../common/error-mapping.js';
import { CaseException } from './cases.exception.js';
import { CASE_READERS } from './cases.resolver.js';
import { CasesService, type CaseListFilter } from './cases.service.js';

type QueryValue = string | string[] | undefined;

/** A list parameter, repeated (?levels=A&levels=B) or comma-separated (?levels=A,B). */
const listOf = (value: QueryValue): string[] | null => {
  if (value === undefined) return null;
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : null;
};

const enumListOf = (name: string, value: QueryValue, allowed: object): string[] | null => {
  const items = listOf(value);
  const values = Object.values(allowed) as string[];
  const wrong = items?.find((item) => !values.includes(item.toUpperCase()));
  if (wrong !== undefined) {
    throw new BadRequestException(`${name}: "${wrong}" is not one of ${values.join(', ')}.`);
  }
  return items?.map((item) => item.toUpperCase()) ?? null;
};

const single = (value: QueryValue): string | null =>
  value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value;

/** GET /exports/cases.csv?from=&to=&departments=&…: the case list as CSV (the committee pack's). */
@Controller('exports')
export class CasesExportController {
  constructor(private readonly casesService: CasesService) {}

  @Roles(...CASE_READERS)
  @Get('cases.csv')
  async exportCases(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: Record<string, QueryValue>,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (!principal) throw new UnauthorizedException('Sign in to export cases.');
    const filter: CaseListFilter = {
      analysis: {
        from: single(query.from),
        to: single(query.to),
        departments: listOf(query.departments),
        clinicians: listOf(query.clinicians),
        indicationGroups: listOf(query.indicationGroups),
        settings: enumListOf('settings', query.settings, CareSetting),
        populations: enumListOf('populations', query.populations, Population),
        levels: enumListOf('levels', query.levels, CaseLevel),
      },
      reviewStatuses: enumListOf('reviewStatuses', query.reviewStatuses, ReviewStatus),
      signals: enumListOf('signals', query.signals, SignalCode),
      exclusions: enumListOf('exclusions', query.exclusions, ExclusionCode),
      assignedToMe: single(query.assignedToMe) === 'true',
    };
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="cases.csv"');
    try {
      await this.casesService.exportCsv(principal, filter, response);
    } catch (error) {
      if (error instanceof CaseException && !response.headersSent) {
        response.removeHeader('Content-Disposition');
        throw toHttpException(error);
      }
      throw error;
    }
  }
}
