/** What an import run rejected or warned about, read back for the command line. */

/** $1 run id, $2 how many: the run's first rejections and warnings, by file and line. */
export const RUN_REJECTIONS = `SELECT file, line, field, reason, severity FROM rejections
       WHERE run_id = $1 ORDER BY file, line LIMIT $2`;

/** $1 run id, $2 how many: the dose-report files a run rejected, and its warnings. */
export const RUN_DOSE_REPORT_REMARKS = `SELECT l.file, 'error' AS severity, l.error_reason AS reason
               FROM landing_dose_reports l WHERE l.run_id = $1 AND l.status = 'rejected'
             UNION ALL
             SELECT l.file, 'warning', w.warning
               FROM landing_dose_reports l, unnest(l.warnings) AS w(warning)
              WHERE l.run_id = $1 AND l.status = 'parsed'
             ORDER BY 1, 2, 3 LIMIT $2`;
