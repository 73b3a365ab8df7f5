import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { print } from 'graphql';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { MonthlyOrderVolumeDocument } from '../../frontend/src/generated/graphql.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('monthlyOrderVolume over GraphQL', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await writeCsvFolder({
      patients: [makePatient({ patient_id: 'P1' }), makePatient({ patient_id: 'P2' })],
      orders: [
        makeOrder({ order_id: 'O1', ordered_at: '2024-01-10T10:00:00Z' }),
        makeOrder({ order_id: 'O2', ordered_at: '2024-01-20T10:00:00Z' }),
        makeOrder({ order_id: 'O3', patient_id: 'P2', ordered_at: '2024-01-25T10:00:00Z' }),
        makeOrder({ order_id: 'O4', patient_id: 'P2', ordered_at: '2024-02-05T10:00:00Z' }),
        makeOrder({ order_id: 'O5', patient_id: 'P2', ordered_at: '2024-03-30T10:00:00Z' }),
      ],
      order_changes: [
        {
          order_id: 'O2',
          changed_at: '2024-01-20T12:00:00Z',
          action: 'MODALITY_CHANGE',
          new_modality: 'US',
        },
        {
          order_id: 'O3',
          changed_at: '2024-01-25T11:00:00Z',
          action: 'MODALITY_CHANGE',
          new_modality: 'MR',
        },
        { order_id: 'O3', changed_at: '2024-01-25T12:00:00Z', action: 'CANCEL' },
      ],
      exams: [
        makeExam({ accession: 'X1', order_id: 'O1', performed_at: '2024-01-10T11:00:00Z' }),
        makeExam({
          accession: 'X5',
          patient_id: 'P2',
          order_id: 'O5',
          performed_at: '2024-03-31T11:00:00Z',
          modality: 'CT',
        }),
      ],
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    app = await NestFactory.create(AppModule.forRoot({ dataSource: database.dataSource }), {
      logger: false,
    });
    await app.init();
    ({ token } = await createUserWithToken(database.dataSource, { role: 'COMMITTEE' }));
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const query = (variables: Record<string, unknown>) =>
    request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(token))
      .send({ query: print(MonthlyOrderVolumeDocument), variables });

  it('counts orders per month by outcome, latest event winning', async () => {
    const response = await query({});
    expect(response.body.errors).toBeUndefined();
    // never kept by a browser or proxy (graphql-no-store.plugin.ts)
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.data.monthlyOrderVolume).toEqual([
      { month: '2024-01', outcome: 'CANCELLED', orders: 1 }, // a cancel after a change cancels
      { month: '2024-01', outcome: 'CT', orders: 1 },
      { month: '2024-01', outcome: 'US', orders: 1 },
      { month: '2024-02', outcome: 'NOT_PERFORMED', orders: 1 }, // 30+ days before newest data
      { month: '2024-03', outcome: 'CT', orders: 1 },
    ]);
  });

  it('filters by month and rejects a malformed month with a clear error', async () => {
    const filtered = await query({ input: { from: '2024-02', to: '2024-03' } });
    expect(filtered.body.data.monthlyOrderVolume).toHaveLength(2);
    const bad = await query({ input: { from: '2024-13' } });
    expect(bad.body.errors[0].message).toBe('"2024-13" is not a month; use YYYY-MM.');
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
