// One GraphQL AnalysisFilter input for the schema: the shared vocabulary declares it (merge of
// wt/agg and wt/cases).
export { AnalysisFilterInput } from '../../vocabulary/analysis-filter.input.js';
