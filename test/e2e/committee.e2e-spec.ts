import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse, print } from 'graphql';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { adjustBenjaminiHochberg } from '../../backend/src/modules/statistics/benjamini-hochberg.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import {
  DepartmentVariationDocument,
  MonthlyConflictTrendDocument,
  type DepartmentVariationQuery,
  type MonthlyConflictTrendQuery,
} from '../../frontend/src/generated/graphql.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** The committee's definitions, written again here so the API is checked against plain SQL. */
const ASSESSABLE = `is_opportunity AND outcome <> 'PENDING' AND exclusion IS NULL`;

describe('committee views over GraphQL', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-committee-'));
    await generateHospital({ patients: 1500, months: 12, seed: 5, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    app = await NestFactory.create(AppModule.forRoot({ dataSource: database.dataSource }), {
      logger: false,
    });
    await app.init();
    ({ token } = await createUserWithToken(database.dataSource, { role: 'COMMITTEE' }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const post = (document: Parameters<typeof print>[0], variables: Record<string, unknown>) =>
    request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(token))
      .send({ query: print(document), variables });

  const trendOf = async (input: Record<string, unknown> | null) => {
    const response = await post(MonthlyConflictTrendDocument, { input });
    expect(response.body.errors).toBeUndefined();
    return (response.body.data as MonthlyConflictTrendQuery).monthlyConflictTrend;
  };

  const variationOf = async (input: Record<string, unknown> | null) => {
    const response = await post(DepartmentVariationDocument, { input });
    expect(response.body.errors).toBeUndefined();
    return (response.body.data as DepartmentVariationQuery).departmentVariation;
  };

  it('counts opportunities, conflicts and away-switches per month as plain SQL does', async () => {
    const expected: { month: string; opportunities: number; conflicts: number; away: number }[] =
      await database.dataSource.query(`
        SELECT month, count(*)::int AS opportunities,
          count(*) FILTER (WHERE level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts,
          count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int AS away
        FROM order_assessments WHERE ${ASSESSABLE} GROUP BY month ORDER BY month`);
    const trend = await trendOf(null);

    expect(expected.reduce((sum, row) => sum + row.conflicts, 0)).toBeGreaterThan(0);
    const withOpportunities = trend.months.filter((month) => month.opportunities > 0);
    expect(
      withOpportunities.map((month) => ({
        month: month.month,
        opportunities: month.opportunities,
        conflicts: month.conflicts,
        away: month.awaySwitches,
      })),
    ).toEqual(expected);
    // every month from the first to the last, none skipped
    const [{ months }] = await database.dataSource.query(
      `SELECT count(DISTINCT month)::int AS months FROM order_assessments`,
    );
    expect(trend.months.length).toBeGreaterThanOrEqual(months);
  });

  it('puts the centre line at the conflict rate of the first 12 months, limits at p̄ ± 3σ', async () => {
    const trend = await trendOf(null);
    const baseline = trend.months.slice(0, 12);
    const conflicts = baseline.reduce((sum, month) => sum + month.conflicts, 0);
    const opportunities = baseline.reduce((sum, month) => sum + month.opportunities, 0);
    const centre = conflicts / opportunities;

    expect(trend.baselineMonthsSetting).toBe(12);
    expect(trend.baselineMonths).toBe(Math.min(12, trend.months.length));
    expect(trend.baselineConflicts).toBe(conflicts);
    expect(trend.baselineOpportunities).toBe(opportunities);
    expect(trend.centre).toBeCloseTo(centre, 12);
    const month = trend.months.find((candidate) => candidate.opportunities > 0);
    expect(month?.upperControlLimit).toBeCloseTo(
      centre + 3 * Math.sqrt((centre * (1 - centre)) / (month?.opportunities ?? 1)),
      12,
    );
  });

  it("charts one department's months with its own counts", async () => {
    const [{ name, opportunities }] = await database.dataSource.query(`
      SELECT d.name, count(*)::int AS opportunities
      FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      JOIN departments d ON d.id = o.department_id
      WHERE a.${ASSESSABLE.replaceAll(' AND ', ' AND a.')}
      GROUP BY d.name ORDER BY count(*) DESC LIMIT 1`);
    const trend = await trendOf({ department: name });

    expect(trend.department).toBe(name);
    expect(trend.departments).toContain(name);
    expect(trend.months.reduce((sum, month) => sum + month.opportunities, 0)).toBe(opportunities);
  });

  it('places every department against the site rate, with the site odds ratio of plain SQL', async () => {
    const expected: { department: string | null; opportunities: number; conflicts: number }[] =
      await database.dataSource.query(`
        SELECT d.name AS department,
          count(*) FILTER (WHERE a.is_opportunity AND a.outcome <> 'PENDING'
                           AND a.exclusion IS NULL)::int AS opportunities,
          count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts
        FROM order_assessments a JOIN orders o ON o.id = a.order_pk
        LEFT JOIN departments d ON d.id = o.department_id
        GROUP BY d.name ORDER BY d.name NULLS LAST`);
    const [{ odds_ratio: oddsRatio }] = await database.dataSource.query(`
      WITH strata AS (
        SELECT
          count(*) FILTER (WHERE band = 'HIGH' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::float AS a,
          count(*) FILTER (WHERE band = 'HIGH' AND outcome = 'KEPT')::float AS b,
          count(*) FILTER (WHERE band = 'LOW' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::float AS c,
          count(*) FILTER (WHERE band = 'LOW' AND outcome = 'KEPT')::float AS d,
          count(*)::float AS n
        FROM order_assessments WHERE ${ASSESSABLE} AND band IN ('HIGH', 'LOW')
        GROUP BY indication_group, population, setting
      )
      SELECT sum(a * d / n) / sum(b * c / n) AS odds_ratio FROM strata`);
    const variation = await variationOf(null);

    expect(
      variation.departments.map((row) => ({
        department: row.department,
        opportunities: row.opportunities,
        conflicts: row.conflicts,
      })),
    ).toEqual(expected);
    const totalOpportunities = expected.reduce((sum, row) => sum + row.opportunities, 0);
    const totalConflicts = expected.reduce((sum, row) => sum + row.conflicts, 0);
    expect(variation.site.opportunities).toBe(totalOpportunities);
    expect(variation.targetRate).toBeCloseTo(totalConflicts / totalOpportunities, 12);
    expect(variation.site.doseHistoryOddsRatio.oddsRatio).toBeCloseTo(oddsRatio, 10);
    for (const row of variation.departments) {
      if (row.opportunities === 0) {
        expect(row.position).toBeNull();
        continue;
      }
      expect(row.rate).toBeCloseTo(row.conflicts / row.opportunities, 12);
      const limits = row.limits!;
      expect(limits.lower998).toBeLessThanOrEqual(limits.lower95);
      expect(limits.upper95).toBeLessThanOrEqual(limits.upper998);
      const expectedPosition =
        row.rate! > limits.upper998
          ? 'ABOVE_998'
          : row.rate! < limits.lower998
            ? 'BELOW_998'
            : row.rate! > limits.upper95
              ? 'ABOVE_95'
              : row.rate! < limits.lower95
                ? 'BELOW_95'
                : 'WITHIN';
      expect(row.position).toBe(expectedPosition);
    }
    const largest = Math.max(...expected.map((row) => row.opportunities));
    expect(variation.funnelCurve[variation.funnelCurve.length - 1].opportunities).toBe(largest);
  });

  it('limits the departments to a month range and compares away-switch rates on request', async () => {
    const [{ first, opportunities, away }] = await database.dataSource.query(`
      SELECT min(month) AS first, count(*) FILTER (WHERE ${ASSESSABLE})::int AS opportunities,
        count(*) FILTER (WHERE ${ASSESSABLE} AND outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int AS away
      FROM order_assessments
      WHERE month = (SELECT min(month) FROM order_assessments)`);
    const variation = await variationOf({ from: first, to: first, measure: 'AWAY_SWITCH_RATE' });

    expect(variation.measure).toBe('AWAY_SWITCH_RATE');
    expect(variation.firstMonth).toBe(first);
    expect(variation.lastMonth).toBe(first);
    expect(variation.site.opportunities).toBe(opportunities);
    expect(variation.targetRate).toBeCloseTo(away / opportunities, 12);
  });

  it('says how many departments were compared and adjusts their dose-history tests for it', async () => {
    const response = await post(
      parse(`query DepartmentsCompared {
        departmentVariation {
          compared
          doseHistoryCompared
          departments { department opportunities doseHistoryPValue doseHistoryQValue }
        }
      }`),
      {},
    );
    expect(response.body.errors).toBeUndefined();
    const variation = response.body.data.departmentVariation as {
      compared: number;
      doseHistoryCompared: number;
      departments: {
        opportunities: number;
        doseHistoryPValue: number | null;
        doseHistoryQValue: number | null;
      }[];
    };
    const [{ departments }] = await database.dataSource.query(
      `SELECT count(DISTINCT o.department_id)::int AS departments
       FROM order_assessments a JOIN orders o ON o.id = a.order_pk WHERE ${ASSESSABLE}`,
    );
    expect(variation.compared).toBe(departments);
    expect(variation.compared).toBeGreaterThan(3);
    const tested = variation.departments.filter((row) => row.doseHistoryPValue !== null);
    expect(tested.length).toBe(variation.doseHistoryCompared);
    expect(tested.length).toBeGreaterThan(0);
    const expected = adjustBenjaminiHochberg(tested.map((row) => row.doseHistoryPValue as number));
    tested.forEach((row, index) => {
      expect(row.doseHistoryQValue).toBeCloseTo(expected[index], 12);
      expect(row.doseHistoryQValue as number).toBeGreaterThanOrEqual(
        row.doseHistoryPValue as number,
      );
    });
  });

  it('shows no patient or clinician identifier anywhere in either answer', async () => {
    const [{ patient_id: patientId, provider_id: providerId }] = await database.dataSource.query(
      `SELECT patient_id, provider_id FROM orders WHERE provider_id IS NOT NULL LIMIT 1`,
    );
    const answers = JSON.stringify([await trendOf(null), await variationOf(null)]);

    expect(answers).not.toContain(patientId);
    expect(answers).not.toContain(providerId);
  });

  it('rejects an unknown department and a malformed month with one clear sentence', async () => {
    const department = await post(MonthlyConflictTrendDocument, {
      input: { department: 'Nowhere' },
    });
    expect(department.body.errors[0].message).toBe(
      'No department is named "Nowhere"; leave it out for the whole site or use one of the names listed in departments.',
    );
    expect(department.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const month = await post(DepartmentVariationDocument, { input: { from: '2025-13' } });
    expect(month.body.errors[0].message).toBe('"2025-13" is not a month; use YYYY-MM.');
    expect(month.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
