import type { AreaListView } from '../../area/area.views';
import type { CollaborationService } from '../../collaboration/collaboration.service';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';

type Collaboration = Awaited<ReturnType<CollaborationService['describe']>>;
type Waiting = AreaListView['stages'][number]['areas'][number]['waitingFor'][number];

/** "beslut om deltagande (Åmål) sedan 2025-05-20": what a card waits for, in words. */
export function waitingText(t: Messages, w: Waiting): Html {
  const key = `what_${w.what}` as keyof Messages;
  const what = typeof t[key] === 'string' ? (t[key] as string) : w.what;
  return html`${what}${w.municipalityName ? ` (${w.municipalityName})` : ''}${
    w.since ? html` <span class="muted">${t.since(w.since)}</span>` : ''
  }`;
}

export function stageName(ctx: PageContext, stage: { sv: string; en: string; proposal: boolean }): Html {
  return html`${ctx.lang === 'sv' ? stage.sv : stage.en}${
    stage.proposal ? html` <span class="tag tag--proposal">${ctx.t.proposal}</span>` : ''
  }`;
}

/** The pipeline: a filter form (GET, works without JavaScript), then one section per stage with its cards. */
export function renderPipeline(
  ctx: PageContext,
  c: Collaboration,
  all: AreaListView,
  filtered: AreaListView,
  chosen: { stage?: string; waitingOn?: string },
): Html {
  const { t, lang } = ctx;
  const stageLabel = (s: { sv: string; en: string }) => (lang === 'sv' ? s.sv : s.en);
  const shown = chosen.stage ? filtered.stages.filter((s) => s.stage.key === chosen.stage) : filtered.stages;
  return html`<h1>${t.pipelineTitle(c.name)}</h1>
    <div class="notice"><p>${t.stagesAreProposal}</p></div>
    <form method="get" action="/samverkan/${c.slug}/omraden" class="filters" novalidate>
      <fieldset>
        <legend>${t.filters}</legend>
        <div class="form-group">
          <label for="fas">${t.filterStage}</label>
          <select id="fas" name="fas">
            <option value="">${t.filterAll}</option>
            ${all.stages.map(
              (s) =>
                html`<option value="${s.stage.key}" ${s.stage.key === chosen.stage ? ' selected' : ''}>
                  ${stageLabel(s.stage)}
                </option>`,
            )}
          </select>
        </div>
        <div class="form-group">
          <label for="vantar-pa">${t.filterWaitingOn}</label>
          <select id="vantar-pa" name="vantar-pa">
            <option value="">${t.filterAll}</option>
            ${c.members.map(
              (m) =>
                html`<option
                  value="${m.municipality.code}"
                  ${m.municipality.code === chosen.waitingOn ? ' selected' : ''}
                >
                  ${m.municipality.name}
                </option>`,
            )}
          </select>
        </div>
        <button type="submit" class="button button--secondary">${t.filterApply}</button>
      </fieldset>
    </form>
    ${shown.map(
      (s) =>
        html`<section class="stage" aria-labelledby="stage-${s.stage.key}">
          <h2 id="stage-${s.stage.key}">
            ${s.stage.number === null ? '' : `${s.stage.number}. `}${stageName(ctx, s.stage)}
            <span class="muted">– ${t.areasCount(s.areas.length)}</span>
          </h2>
          ${
            s.areas.length
              ? html`<ul class="cards">
                  ${s.areas.map(
                    (a) =>
                      html`<li class="card">
                        <h3><a href="/omraden/${a.id}">${a.title}</a></h3>
                        ${a.stageSince ? html`<p class="muted">${t.inStageSince(a.stageSince)}</p>` : ''}
                        <p>
                          <strong>${t.waitsFor}:</strong> ${
                            a.waitingFor.length
                              ? html`</p><ul>${a.waitingFor.map((w) => html`<li>${waitingText(t, w)}</li>`)}</ul>`
                              : html`${t.waitsForNothing}</p>`
                          }
                        </p>
                        <p>${a.participants.map((p) => p.name).join(', ')}</p>
                      </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${t.noAreas}</p>`
          }
        </section>`,
    )}`;
}
