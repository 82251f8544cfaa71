import type { VerifyJobView } from '../../workflow/verify/verify-jobs.service';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';

/** Seconds between two reloads of a running job's page without JavaScript (the script polls instead). */
export const VERIFY_REFRESH_SECONDS = 2;

export function scopeText(t: Messages, scope: VerifyJobView['scope'], names: Map<string, string>): Html {
  if (scope.kind === 'collaboration') return html`${t.auditScopeCollaboration(names.get(scope.slug) ?? scope.slug)}`;
  if (scope.kind === 'workflow')
    return html`${t.verifyScopeWorkflow}
      <a href="/granskning/arbetsfloden/${scope.workflowId}"><code>${scope.workflowId}</code></a>`;
  return html`${t.auditScopeAll}`;
}

/** The progress bar: rows checked of those in scope (indeterminate while they are being counted). */
function progressOf(t: Messages, job: VerifyJobView): Html {
  const p = job.progress;
  const total = job.status === 'done' && job.report ? job.report.counts.rows : p.rowsTotal;
  const done = job.status === 'done' ? total : p.rowsDone;
  return html`<div class="form-group">
    <label for="verify-progress">${t.verifyProgressLabel}</label>
    ${
      total > 0
        ? html`<progress id="verify-progress" max="${String(total)}" value="${String(done)}">
            ${t.verifyProgressText(done, total)}
          </progress>`
        : html`<progress id="verify-progress">${t.verifyRunning}</progress>`
    }
    <p class="verify-count">
      ${t.verifyProgressText(done, total)};
      ${t.verifyWorkflowsText(
        job.status === 'done' && job.report ? job.report.counts.workflows : p.workflowsDone,
        job.status === 'done' && job.report ? job.report.counts.workflows : p.workflowsTotal,
      )}
    </p>
  </div>`;
}

function problemsTable(t: Messages, job: VerifyJobView): Html {
  const report = job.report!;
  if (!report.problems.length) return html``;
  return html`<h2 id="problems-heading">${t.verifyProblems}</h2>
    ${report.problemsTruncated ? html`<p>${t.verifyTruncated}</p>` : ''}
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="problems-heading">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.verifyWhere}</th>
            <th scope="col">${t.verifyKind}</th>
            <th scope="col">${t.verifyMessage}</th>
          </tr>
        </thead>
        <tbody>
          ${report.problems.map(
            (p) =>
              html`<tr>
                <td>
                  ${
                    p.workflowId
                      ? html`<a
                          href="/granskning/arbetsfloden/${p.workflowId}${p.seq !== null && p.seq !== undefined ? `#seq-${p.seq}` : ''}"
                          ><code>${p.workflowId}</code></a
                        >`
                      : ''
                  }
                  ${p.seq !== null && p.seq !== undefined ? html`<span>${t.verifySeq(p.seq)}</span>` : ''}
                  ${p.table ? html`<span class="muted">${p.table}</span>` : ''}
                </td>
                <td><code>${p.kind}</code></td>
                <td lang="en">${p.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function checksTable(t: Messages, job: VerifyJobView): Html {
  const checks = job.report!.checks;
  if (!checks.length) return html``;
  return html`<h2 id="checks-heading">${t.verifyChecks}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="checks-heading">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.verifyCheck}</th>
            <th scope="col">${t.verifyFound}</th>
          </tr>
        </thead>
        <tbody>
          ${checks.map(
            (c) =>
              html`<tr>
                <td lang="en">${c.name}</td>
                <td>${String(c.problemCount)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/**
 * A verify job's page. Running: the progress bar and the counts in a live region marked `data-verify-running` (the
 * script polls this page and replaces it; without the script the page reloads itself, VERIFY_REFRESH_SECONDS).
 * Done: the result in words, the full bar, the problems and the checks.
 */
export function renderVerifyJob(
  ctx: PageContext,
  job: VerifyJobView,
  names: Map<string, string>,
  alreadyRunning: boolean,
): Html {
  const { t } = ctx;
  const report = job.report;
  const heading = html`<h1>${t.verifyTitle}</h1>
    <p>${t.verifyScopeLabel}: ${scopeText(t, job.scope, names)}</p>
    ${alreadyRunning ? html`<div class="notice" role="status"><p>${t.verifyAlreadyRunning}</p></div>` : ''}`;
  if (job.status === 'running')
    return html`${heading}
      <div id="verify-status" class="verify-status" data-verify-running="1" role="status" aria-live="polite">
        <p>${t.verifyRunning}</p>
        ${progressOf(t, job)}
      </div>
      <p><a href="/granskning/verifiering/${job.id}">${t.verifyReload}</a></p>`;
  if (job.status === 'failed' || !report)
    return html`${heading}
      <div class="error-summary" role="alert"><p>${t.verifyFailed(job.error ?? '')}</p></div>
      <p><a href="/granskning#verify-heading">${t.verifyAgain}</a></p>`;
  return html`${heading}
    <div id="verify-status" class="verify-status">
      <div class="notice${report.ok ? ' notice--success' : ' notice--problem'}" role="status">
        <p>
          ${
            report.ok
              ? t.verifyDoneOk(report.counts.workflows, report.counts.rows)
              : t.verifyDoneProblems(report.problemCount)
          }
        </p>
      </div>
      ${progressOf(t, job)}
    </div>
    ${problemsTable(t, job)} ${checksTable(t, job)}
    <p><a href="/granskning#verify-heading">${t.verifyAgain}</a></p>`;
}
