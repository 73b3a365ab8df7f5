/**
 * A signal as one plain sentence built only from coded values and numbers (modalities,
 * ratings, doses, intervals), never from the order's free texts, so every role may read it.
 * The stored explanation, which may quote a comment or a change reason, is shown separately
 * to the roles allowed to see free text.
 */
export interface SignalForSummary {
  readonly code: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface OrderForSummary {
  /** ISO instant of the order. */
  readonly orderedAt: string;
  readonly requestedModality: string;
  /** Modality, or CANCELLED / NOT_PERFORMED / PENDING. */
  readonly outcomeModality: string;
  /** ISO instant of the outcome event (the substitute exam, the change, the cancellation). */
  readonly outcomeAt: string | null;
}

const number = (value: unknown): number | null => {
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Z_]{1,20}$/.test(value) ? value : null;

const millisecondsOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
};

/** "45 min", "3 h", "3.5 h", "12 days": the same wording as the stored explanations. */
export function describeInterval(milliseconds: number): string {
  const seconds = Math.max(0, milliseconds / 1000);
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round(seconds / 86400)} days`;
}

const elapsed = (from: string | null, to: unknown): string | null => {
  const start = millisecondsOf(from);
  const end = millisecondsOf(to);
  return start === null || end === null ? null : describeInterval(end - start);
};

const rated = (modality: string | null, rating: number | null): string =>
  `${modality ?? 'an exam'}${rating === null ? '' : ` (rated ${rating})`}`;

export function summariseSignal(signal: SignalForSummary, order: OrderForSummary): string {
  const inputs = signal.inputs;
  switch (signal.code) {
    case 'E1':
      return "The order's texts give the patient's prior or cumulative radiation dose as a reason.";
    case 'E2': {
      const after = elapsed(order.orderedAt, inputs.changed_at);
      const when = after === null ? 'after it was placed' : `${after} after it was placed`;
      const requested = rated(text(inputs.requested), number(inputs.requested_rating));
      if (text(inputs.action) === 'CANCEL') return `The ${requested} order was cancelled ${when}.`;
      const outcome = rated(text(inputs.outcome), number(inputs.outcome_rating));
      return `The ${requested} order was changed to ${outcome} ${when}.`;
    }
    case 'E3': {
      const ced5y = number(inputs.ced_5y_msv);
      const ced12m = number(inputs.ced_12m_msv);
      const priorCts = number(inputs.prior_ct_12m);
      const unknown = number(inputs.unknown_dose_5y) ?? 0;
      return (
        `HIGH dose-history band when ordered: CED 5 y ${ced5y === null ? 'unknown' : ced5y.toFixed(1)} mSv, ` +
        `12 months ${ced12m === null ? 'unknown' : ced12m.toFixed(1)} mSv, ${priorCts ?? 0} CT in 12 months` +
        (unknown > 0 ? `; ${unknown} prior exam(s) of unknown dose not counted.` : '.')
      );
    }
    case 'E4':
      return 'A dose alert was shown when the order was placed.';
    case 'E5': {
      const after = elapsed(order.outcomeAt, inputs.performed_at);
      const what = ['CANCELLED', 'NOT_PERFORMED'].includes(order.outcomeModality)
        ? `the ${order.outcomeModality === 'CANCELLED' ? 'cancellation' : 'order not performed'}`
        : `the ${order.outcomeModality} substitute`;
      return `The originally requested ${order.requestedModality} was performed ${after === null ? 'within the cascade window' : after} after ${what}.`;
    }
    default:
      return 'Evidence recorded by the analysis.';
  }
}
