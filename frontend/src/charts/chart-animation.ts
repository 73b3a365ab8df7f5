/**
 * Whether charts animate. Never in tests (a screenshot must not catch a half-drawn chart): not
 * when Vite's mode is `test`, not outside Vite (Jest has no `import.meta.env`), and not when the
 * page address carries `?noanimation`, before the hash (`/?noanimation#/`) or after it
 * (`/#/?noanimation`).
 */
export const decideChartAnimation = (mode: string | undefined, pageUrl: URL): boolean => {
  if (mode === undefined || mode === 'test') return false;
  const hashQuery = pageUrl.hash.split('?')[1] ?? '';
  return (
    !pageUrl.searchParams.has('noanimation') && !new URLSearchParams(hashQuery).has('noanimation')
  );
};

/** `decideChartAnimation` for the running page. */
export const isChartAnimationActive = (): boolean =>
  decideChartAnimation(import.meta.env?.MODE, new URL(window.location.href));
