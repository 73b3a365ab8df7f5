import { useParams } from 'react-router';
import { CaseView } from '../features/cases/components/case-view.js';

/** Route `/cases/:id`: one case, its evidence, the patient's imaging and the review. */
export const CasePage = () => {
  const { id } = useParams();
  // key: a new case starts with an empty review form
  return id ? <CaseView key={id} caseId={id} /> : null;
};
