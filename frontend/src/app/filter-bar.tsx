import { useId } from 'react';
import { useQuery } from '@apollo/client/react';
import { formatMonthLabel } from '../features/order-volume/utils/month-keys.js';
import { CARE_SETTINGS, POPULATIONS, isEmptyAnalysisFilter } from './analysis-filter.js';
import { useSignedInUser } from './auth-context.js';
import { FILTER_OPTIONS_QUERY } from './graphql/filter-options.graphql.js';
import { useAnalysisFilter, type AnalysisFilterValue } from './use-analysis-filter.js';

const ANY = '';

export const SETTING_LABELS: Readonly<Record<(typeof CARE_SETTINGS)[number], string>> = {
  ED: 'Emergency (ED)',
  IP: 'Inpatient (IP)',
  OP: 'Outpatient (OP)',
};

export const POPULATION_LABELS: Readonly<Record<(typeof POPULATIONS)[number], string>> = {
  ADULT: 'Adult',
  PEDIATRIC: 'Paediatric',
  PREGNANT: 'Pregnant',
};

interface Option {
  readonly value: string;
  readonly label: string;
}

interface FilterSelectProps {
  readonly label: string;
  readonly anyLabel: string;
  readonly options: readonly Option[];
  readonly selected: readonly string[];
  readonly onChange: (value: string) => void;
}

/** One labelled select; a link that names several values shows them as one "N selected" choice. */
const FilterSelect = ({ label, anyLabel, options, selected, onChange }: FilterSelectProps) => {
  const id = useId();
  const several = selected.length > 1;
  const value = several ? '__several__' : (selected[0] ?? ANY);
  const known = new Set(options.map((option) => option.value));
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value={ANY}>{anyLabel}</option>
        {several ? <option value="__several__">{`${selected.length} selected`}</option> : null}
        {!several && selected[0] && !known.has(selected[0]) ? (
          <option value={selected[0]}>{selected[0]}</option>
        ) : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
};

const single = (value: string): string[] =>
  value === ANY || value === '__several__' ? [] : [value];

/**
 * The global filters — month range, department, clinician, indication group, setting,
 * population — written to the page address, so a filtered view is a shareable link.
 */
export const FilterBar = ({ latestByDefault = false }: { readonly latestByDefault?: boolean }) => {
  const user = useSignedInUser();
  const { filter, setFilter, clearFilter } = useAnalysisFilter();
  const { data } = useQuery(FILTER_OPTIONS_QUERY);
  const months = (data?.monthlyConflictTrend.months ?? []).map((month) => ({
    value: month.month,
    label: formatMonthLabel(month.month),
  }));
  const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label);
  const clinicians = (data?.clinicians.rows ?? [])
    .map((row) => ({ value: row.key, label: row.label }))
    .sort(byLabel);
  const groups = (data?.indicationGroups.rows ?? [])
    .map((row) => ({ value: row.key, label: row.label }))
    .sort(byLabel);
  const departments = [...user.visibleDepartments]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ value: name, label: name }));
  const set = (change: Partial<AnalysisFilterValue>) => setFilter(change);

  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <FilterSelect
        label="From"
        anyLabel={latestByDefault ? 'Latest month' : 'First month loaded'}
        options={months}
        selected={filter.from ? [filter.from] : []}
        onChange={(value) => set({ from: value || null })}
      />
      <FilterSelect
        label="To"
        anyLabel={latestByDefault ? 'Latest month' : 'Last month loaded'}
        options={months}
        selected={filter.to ? [filter.to] : []}
        onChange={(value) => set({ to: value || null })}
      />
      <FilterSelect
        label="Department"
        anyLabel={user.departments ? 'All my departments' : 'All departments'}
        options={departments}
        selected={filter.departments}
        onChange={(value) => set({ departments: single(value) })}
      />
      <FilterSelect
        label="Clinician"
        anyLabel="All clinicians"
        options={clinicians}
        selected={filter.clinicians}
        onChange={(value) => set({ clinicians: single(value) })}
      />
      <FilterSelect
        label="Indication group"
        anyLabel="All indications"
        options={groups}
        selected={filter.indicationGroups}
        onChange={(value) => set({ indicationGroups: single(value) })}
      />
      <FilterSelect
        label="Setting"
        anyLabel="All settings"
        options={CARE_SETTINGS.map((value) => ({ value, label: SETTING_LABELS[value] }))}
        selected={filter.settings}
        onChange={(value) => set({ settings: single(value) as AnalysisFilterValue['settings'] })}
      />
      <FilterSelect
        label="Population"
        anyLabel="All patients"
        options={POPULATIONS.map((value) => ({ value, label: POPULATION_LABELS[value] }))}
        selected={filter.populations}
        onChange={(value) =>
          set({ populations: single(value) as AnalysisFilterValue['populations'] })
        }
      />
      {isEmptyAnalysisFilter(filter) ? null : (
        <button type="button" className="button-link filter-clear" onClick={clearFilter}>
          Clear filters
        </button>
      )}
    </form>
  );
};
