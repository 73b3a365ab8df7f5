import { CaseList } from '../features/cases/components/case-list.js';

/** Route `/cases`: the flagged cases in the caller's scope, to read and review one by one. */
export const CasesPage = () => (
  <>
    <header className="page-header">
      <h1>Cases</h1>
      <p className="page-lede">
        Orders whose modality may have been steered by the patient&rsquo;s dose history, highest
        score first. Open a case to read its evidence and record a review.
      </p>
    </header>
    <CaseList />
  </>
);
