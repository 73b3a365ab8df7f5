import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Principal, Role } from '../../backend/src/modules/auth/principal.js';
import { CasesRepository } from '../../backend/src/modules/cases/cases.repository.js';
import { CasesService } from '../../backend/src/modules/cases/cases.service.js';
import { AuditService } from '../../backend/src/modules/auth/audit/audit.service.js';
import type { CaseOrderField, SortDirection } from '../../backend/src/modules/cases/cases.sql.js';
import { decodeCaseId } from '../../backend/src/modules/cases/domain/case-id.js';
import { ExportService } from '../../backend/src/modules/export/export.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { SettingsService } from '../../backend/src/modules/settings/settings.service.js';
import { createUserWithToken } from '../utils/auth.js';
import { runCli } from '../utils/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const principal = (
  role: Role,
  departments: string[] | null = null,
  email = `${role.toLowerCase()}@test.local`,
): Principal => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  email,
  role,
  departments,
  sessionId: null,
});

describe('case list, case, review (services on a generated hospital)', () => {
  let database: TestDatabase;
  let service: CasesService;
  const auditedFor = async (
    objectId: string,
  ): Promise<{ action: string; actor: string; actor_kind: string }[]> =>
    database.dataSource.query(
      `SELECT action, actor, actor_kind FROM audit_events WHERE object_id = $1 ORDER BY id`,
      [objectId],
    );
  const admin = principal('ADMIN');

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-cases-'));
    await generateHospital({ patients: 3000, months: 24, seed: 11, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    service = new CasesService(
      database.dataSource,
      new CasesRepository(database.dataSource),
      new AuditService(database.dataSource),
    );
  });

  afterAll(async () => {
    await database?.drop();
  });

  const allIds = async (
    who: Principal,
    field: CaseOrderField,
    direction: SortDirection,
    pageSize: number,
    filter = {},
  ): Promise<{ ids: string[]; total: number; pages: number }> => {
    const ids: string[] = [];
    let after: string | null = null;
    let total = -1;
    let pages = 0;
    for (;;) {
      const page = await service.list(who, filter, { field, direction }, pageSize, after);
      if (total < 0) total = await page.totalCount();
      pages += 1;
      ids.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids, total, pages };
  };

  it('pages through every case exactly once in each sort order', async () => {
    const [{ cases }] = await database.dataSource.query(
      `SELECT count(*)::int AS cases FROM order_assessments WHERE level IS NOT NULL`,
    );
    expect(cases).toBeGreaterThan(60);
    for (const field of ['SCORE', 'DATE', 'LEVEL'] as const) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const { ids, total, pages } = await allIds(admin, field, direction, 7);
        expect(total).toBe(cases);
        expect(ids).toHaveLength(cases);
        expect(new Set(ids).size).toBe(cases);
        expect(pages).toBe(Math.ceil(cases / 7));
      }
    }
  });

  it('orders pages by the sort key, ties broken by the order', async () => {
    const { ids } = await allIds(admin, 'LEVEL', 'DESC', 9);
    const expected: { pk: string }[] = await database.dataSource.query(`
      SELECT a.order_pk::text AS pk FROM order_assessments a WHERE a.level IS NOT NULL
      ORDER BY CASE a.level WHEN 'DOCUMENTED' THEN 4 WHEN 'PROBABLE' THEN 3 WHEN 'POSSIBLE' THEN 2 ELSE 1 END DESC,
        a.score DESC, a.order_pk DESC`);
    expect(ids.map(decodeCaseId)).toEqual(expected.map((row) => row.pk));
    const byDate = await allIds(admin, 'DATE', 'ASC', 11);
    const dates: { pk: string }[] = await database.dataSource.query(`
      SELECT a.order_pk::text AS pk FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      WHERE a.level IS NOT NULL ORDER BY o.ordered_at, o.id`);
    expect(byDate.ids.map(decodeCaseId)).toEqual(dates.map((row) => row.pk));
  });

  it('keeps a department-scoped manager to their departments, in lists, counts and cases', async () => {
    const perDepartment: { name: string; cases: number }[] = await database.dataSource.query(`
      SELECT d.name, count(*)::int AS cases FROM order_assessments a
      JOIN orders o ON o.id = a.order_pk JOIN departments d ON d.id = o.department_id
      WHERE a.level IS NOT NULL GROUP BY d.name ORDER BY count(*) DESC`);
    expect(perDepartment.length).toBeGreaterThan(1);
    const [mine, other] = perDepartment;
    const manager = principal('QUALITY_MANAGER', [mine.name]);
    const { ids, total } = await allIds(manager, 'SCORE', 'DESC', 100);
    expect(total).toBe(mine.cases);
    expect(ids).toHaveLength(mine.cases);
    // asking for another department through the filter gives nothing, not its cases
    const asked = await service.list(
      manager,
      { analysis: { departments: [other.name] } },
      null,
      10,
      null,
    );
    expect(asked.edges).toHaveLength(0);
    expect(await asked.totalCount()).toBe(0);

    const [foreign] = await database.dataSource.query(
      `SELECT a.order_pk::text AS order_pk FROM order_assessments a
       JOIN orders o ON o.id = a.order_pk JOIN departments d ON d.id = o.department_id
       WHERE a.level IS NOT NULL AND d.name = $1 LIMIT 1`,
      [other.name],
    );
    const foreignId = Buffer.from(`case:${foreign.order_pk}`).toString('base64url');
    const missingId = Buffer.from('case:999999999').toString('base64url');
    const refusals = await Promise.all(
      [foreignId, missingId, 'not-an-id'].map((id) =>
        service.detail(manager, id).then(
          () => null,
          (error: { code: string; message: string }) => ({
            code: error.code,
            message: error.message,
          }),
        ),
      ),
    );
    expect(refusals[0]).toEqual({
      code: 'NOT_FOUND',
      message: 'No case with this id is visible to you.',
    });
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[2]).toEqual(refusals[0]);
    // the site-wide admin sees it
    await expect(service.detail(admin, foreignId)).resolves.toMatchObject({
      summary: { department: other.name },
    });
    // a cursor from outside the scope is refused like any bad cursor
    await expect(
      service.list(
        manager,
        {},
        null,
        5,
        Buffer.from(`after:${foreign.order_pk}`).toString('base64url'),
      ),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('shows a review in the case, in the review-status filter, in the export and the audit trail', async () => {
    const first = await service.list(admin, { reviewStatuses: ['OPEN'] }, null, 1, null);
    const caseId = first.edges[0].node.id;
    const openBefore = await first.totalCount();
    const reviewer = principal('QUALITY_MANAGER', null, 'reviewer@test.local');

    const reviewed = await service.review(reviewer, {
      caseId,
      disposition: 'NEEDS_DISCUSSION',
      note: 'Discuss at the next committee.',
    });
    expect(reviewed.summary.reviewStatus).toBe('REVIEWED');
    expect(reviewed.summary.latestDisposition).toBe('NEEDS_DISCUSSION');
    expect(reviewed.reviews).toHaveLength(1);
    expect(reviewed.reviews[0]).toMatchObject({
      disposition: 'NEEDS_DISCUSSION',
      note: 'Discuss at the next committee.',
      reviewer: 'reviewer@test.local',
    });

    const again = await service.review(reviewer, { caseId, disposition: 'CLINICALLY_JUSTIFIED' });
    expect(again.reviews.map((review) => review.disposition)).toEqual([
      'CLINICALLY_JUSTIFIED',
      'NEEDS_DISCUSSION',
    ]);
    expect(again.summary.latestDisposition).toBe('CLINICALLY_JUSTIFIED');

    const reviewedList = await service.list(
      admin,
      { reviewStatuses: ['REVIEWED'] },
      null,
      10,
      null,
    );
    expect(reviewedList.edges.map((edge) => edge.node.id)).toEqual([caseId]);
    const open = await service.list(admin, { reviewStatuses: ['OPEN'] }, null, 200, null);
    expect(await open.totalCount()).toBe(openBefore - 1);
    expect(open.edges.map((edge) => edge.node.id)).not.toContain(caseId);

    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cg-export-')), 'cases.csv');
    await new ExportService(database.dataSource).exportCases(file);
    const [orderRow] = await database.dataSource.query(
      `SELECT o.order_id FROM orders o WHERE o.id = $1`,
      [decodeCaseId(caseId)],
    );
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const header = lines[0].split(',');
    const line = lines.find((candidate) => candidate.startsWith(`${orderRow.order_id},`));
    expect(line?.split(',')[header.indexOf('review_status')]).toBe('REVIEWED');
    expect(lines.filter((candidate) => candidate.endsWith(',REVIEWED'))).toHaveLength(1);

    expect(await auditedFor(caseId)).toEqual([
      { action: 'case.reviewed', actor: 'reviewer@test.local', actor_kind: 'user' },
      { action: 'case.reviewed', actor: 'reviewer@test.local', actor_kind: 'user' },
    ]);
    // the history is append-only in PostgreSQL itself
    await expect(
      database.dataSource.query(`UPDATE case_reviews SET note = 'changed'`),
    ).rejects.toThrow(/append-only/);
    await expect(database.dataSource.query(`DELETE FROM case_reviews`)).rejects.toThrow(
      /append-only/,
    );
  });

  it("draws the patient's timeline whose CED at the order equals the stored CED 5 y", async () => {
    const [chosen] = await database.dataSource.query(`
      SELECT a.order_pk::text AS order_pk, od.ced_5y_msv::float8 AS ced_5y,
        od.ced_all_msv::float8 AS ced_all
      FROM order_assessments a JOIN order_dose od ON od.order_pk = a.order_pk
      JOIN orders o ON o.id = a.order_pk
      WHERE a.level IS NOT NULL AND od.ced_5y_msv > 0 AND od.ced_all_msv > od.ced_5y_msv
        AND a.outcome_event = 'exam'
      ORDER BY od.ced_5y_msv DESC LIMIT 1`);
    expect(chosen).toBeDefined();
    const caseId = Buffer.from(`case:${chosen.order_pk}`).toString('base64url');
    const detail = await service.detail(admin, caseId);
    const timeline = detail.timeline!;
    expect(timeline.ced5yAtOrderMsv).toBeCloseTo(chosen.ced_5y, 6);
    expect(timeline.cumulativeAtOrderMsv).toBeCloseTo(chosen.ced_all, 6);
    expect(detail.summary.ced5yMsv).toBeCloseTo(chosen.ced_5y, 6);

    // by hand: the exams listed in [ordered_at − 5 years, ordered_at)
    const orderedAt = new Date(timeline.orderedAt);
    const fiveYearsBefore = new Date(orderedAt);
    fiveYearsBefore.setUTCFullYear(orderedAt.getUTCFullYear() - 5);
    const before = timeline.exams.filter((exam) => new Date(exam.performedAt) < orderedAt);
    const handSum = before
      .filter((exam) => new Date(exam.performedAt) >= fiveYearsBefore)
      .reduce((sum, exam) => sum + (exam.effectiveDoseMsv ?? 0), 0);
    expect(handSum).toBeCloseTo(chosen.ced_5y, 6);
    // the running cumulative at the last exam before the order is the all-time CED at order
    expect(before.at(-1)!.cumulativeMsv).toBeCloseTo(chosen.ced_all, 6);
    // the running 5-year CED at each exam is the sum over its own window
    for (const exam of timeline.exams) {
      const at = new Date(exam.performedAt);
      const from = new Date(at);
      from.setUTCFullYear(at.getUTCFullYear() - 5);
      const upTo = timeline.exams.slice(0, timeline.exams.indexOf(exam) + 1);
      const sum = upTo
        .filter((other) => new Date(other.performedAt) >= from)
        .reduce((total, other) => total + (other.effectiveDoseMsv ?? 0), 0);
      expect(exam.ced5yMsv).toBeCloseTo(sum, 6);
    }
    expect(timeline.exams.filter((exam) => exam.isCaseOrder)).toHaveLength(1);
    expect(timeline.highThresholdMsv).toBe(50);
    expect(timeline.moderateThresholdMsv).toBe(10);
    expect(detail.signals.length).toBeGreaterThan(0);
    expect(detail.exclusionsConsidered).toHaveLength(6);
    const [{ compared }] = await database.dataSource.query(
      `SELECT compared_clinicians AS compared FROM provider_patterns WHERE provider_id = '*'`,
    );
    expect(compared).toBeGreaterThan(1);
    expect(detail.clinicianPattern?.compared).toBe(compared);
    expect(detail.clinicianPattern?.sentence).toContain(`${compared} clinicians compared`);
    expect(await auditedFor(caseId)).toEqual([
      { action: 'case.viewed', actor: 'admin@test.local', actor_kind: 'user' },
    ]);
  });

  it('audits the command line as the operating-system user: case, export cases, export exams', async () => {
    const [row] = await database.dataSource.query(
      `SELECT o.order_id, a.order_pk::text AS order_pk FROM order_assessments a
       JOIN orders o ON o.id = a.order_pk WHERE a.level = 'DOCUMENTED' LIMIT 1`,
    );
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-cli-audit-'));
    for (const args of [
      ['case', row.order_id],
      ['export', 'cases', '--out', path.join(folder, 'cases.csv')],
      ['export', 'exams', '--out', path.join(folder, 'exams.csv')],
    ]) {
      const result = await runCli(args, database.url);
      expect(result.code).toBe(0);
    }
    const events: {
      action: string;
      actor: string;
      actor_kind: string;
      object_id: string | null;
    }[] = await database.dataSource.query(
      `SELECT action, actor, actor_kind, object_id FROM audit_events
         WHERE actor_kind = 'cli' ORDER BY id`,
    );
    // the command line's principal: the operating-system user at this host
    const user = `${os.userInfo().username}@${os.hostname()}`;
    expect(events).toEqual([
      {
        action: 'case.viewed',
        actor: user,
        actor_kind: 'cli',
        object_id: Buffer.from(`case:${row.order_pk}`).toString('base64url'),
      },
      { action: 'cases.exported', actor: user, actor_kind: 'cli', object_id: null },
      { action: 'exams.exported', actor: user, actor_kind: 'cli', object_id: null },
    ]);
  });

  it('assigns a case, finds it with assignedToMe, and unassigns it', async () => {
    const [{ department }] = await database.dataSource.query(`
      SELECT d.name AS department FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      JOIN departments d ON d.id = o.department_id WHERE a.level IS NOT NULL
      GROUP BY d.name ORDER BY count(*) DESC LIMIT 1`);
    const assignee = await createUserWithToken(database.dataSource, {
      role: 'QUALITY_MANAGER',
      departments: [department],
      email: 'assignee@test.local',
    });
    const outsider = await createUserWithToken(database.dataSource, {
      role: 'QUALITY_MANAGER',
      departments: ['No Such Department'],
      email: 'outsider@test.local',
    });
    const page = await service.list(
      admin,
      { analysis: { departments: [department] }, reviewStatuses: ['OPEN'] },
      null,
      1,
      null,
    );
    const caseId = page.edges[0].node.id;
    const assigned = await service.assign(admin, { caseId, assigneeEmail: assignee.email });
    expect(assigned.summary).toMatchObject({ reviewStatus: 'ASSIGNED', assignee: assignee.email });
    const me = principal('QUALITY_MANAGER', [department], assignee.email);
    const mine = await service.list(me, { assignedToMe: true }, null, 10, null);
    expect(mine.edges.map((edge) => edge.node.id)).toEqual([caseId]);
    const assignedList = await service.list(
      admin,
      { reviewStatuses: ['ASSIGNED'] },
      null,
      10,
      null,
    );
    expect(assignedList.edges.map((edge) => edge.node.id)).toEqual([caseId]);
    // someone who could not review the case is refused
    await expect(
      service.assign(admin, { caseId, assigneeEmail: outsider.email }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const unassigned = await service.assign(admin, { caseId, assigneeEmail: null });
    expect(unassigned.summary).toMatchObject({ reviewStatus: 'OPEN', assignee: null });
    expect((await service.list(me, { assignedToMe: true }, null, 10, null)).edges).toHaveLength(0);
    expect((await auditedFor(caseId)).map((event) => event.action)).toEqual([
      'case.assigned',
      'case.unassigned',
    ]);
  });

  it('shows COMMITTEE clinician names only when committee.show_clinician_names is on', async () => {
    const committee = principal('COMMITTEE');
    const [withClinician] = (await service.list(committee, null, null, 50, null)).edges.filter(
      (edge) => edge.node.clinician !== null,
    );
    expect(withClinician.node.clinician!.key).toMatch(/^C-[0-9A-F]{6}$/);
    const pseudonym = withClinician.node.clinician!.key;
    const filtered = await service.list(
      committee,
      { analysis: { clinicians: [pseudonym] } },
      null,
      200,
      null,
    );
    expect(filtered.edges.length).toBeGreaterThan(0);
    expect(filtered.edges.every((edge) => edge.node.clinician!.key === pseudonym)).toBe(true);

    await new SettingsService(database.dataSource).set(
      'committee.show_clinician_names',
      'true',
      'test',
    );
    const named = await service.list(committee, null, null, 50, null);
    const same = named.edges.find((edge) => edge.node.id === withClinician.node.id)!;
    const [provider] = await database.dataSource.query(
      `SELECT o.provider_id, p.name FROM orders o JOIN providers p ON p.provider_id = o.provider_id
       WHERE o.id = $1`,
      [decodeCaseId(same.node.id)],
    );
    expect(same.node.clinician).toEqual({ key: provider.provider_id, label: provider.name });
    // still no order id or exact date
    expect(same.node.orderId).toBeNull();
    expect(same.node.orderedAt).toMatch(/-01T00:00:00Z$/);
    await new SettingsService(database.dataSource).set(
      'committee.show_clinician_names',
      'false',
      'test',
    );
  });
});
