import type { InvestigationView, TimelineEntryView } from '../../cards/views';
import { AUDIT_LOOKBACK_DAYS } from '../../services/apps/audits';
import { EXCHANGE_LOOKBACK_DAYS, type Investigation } from '../../services/investigation/investigation';
import type { TimelineActor, TimelineEntry } from '../../services/investigation/timeline';
import { appDetailView } from './apps';

// Grants of power and their use are shown in bold so the story's turns stand out.
const GRANT = /granted|consent|role|federated|added (a|\d+) (client secret|certificate|credential)/;

function minute(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

function whenOf(entry: TimelineEntry): string {
  if (entry.until === undefined || minute(entry.until) === minute(entry.at)) return `${minute(entry.at)} UTC`;
  const end = minute(entry.until);
  return `${minute(entry.at)}–${end.slice(0, 10) === minute(entry.at).slice(0, 10) ? end.slice(11) : end} UTC`;
}

function actorWords(actor: TimelineActor): string {
  const from = actor.ip ? ` (from ${actor.ip})` : '';
  if (actor.kind === 'app') return `the app${from}`;
  if (actor.kind === 'otherApp') return `app ${actor.name}${from}`;
  return `${actor.name}${from}`;
}

function whoOf(entry: TimelineEntry, appId: string): string {
  const source = entry.source === 'directory' ? 'Entra ID audit' : 'Exchange audit';
  const account = entry.actor.kind === 'app' ? `app ${appId}` : entry.actor.userPrincipalName && entry.actor.userPrincipalName !== entry.actor.name ? entry.actor.userPrincipalName : '';
  const records = entry.recordIds.length > 1 ? `${entry.recordIds.length} records` : '';
  return [source, account, records].filter(Boolean).join(' · ');
}

export function timelineEntryView(entry: TimelineEntry, appId: string): TimelineEntryView {
  return {
    when: whenOf(entry),
    text: `${actorWords(entry.actor)} ${entry.what}`,
    names: entry.names.join(', '),
    who: whoOf(entry, appId),
    alarming: entry.source === 'exchange' || GRANT.test(entry.what),
  };
}

function summaryOf(timeline: TimelineEntry[]): string {
  if (timeline.length === 0) return 'No audit record about this app was found in these windows.';
  const exchange = timeline.filter((e) => e.source === 'exchange').reduce((n, e) => n + e.recordIds.length, 0);
  const directory = timeline.filter((e) => e.source === 'directory').length;
  return `${timeline.length} ${timeline.length === 1 ? 'entry' : 'entries'} from ${directory} directory audit ${directory === 1 ? 'event' : 'events'} and ${exchange} Exchange change ${exchange === 1 ? 'record' : 'records'}, oldest first.`;
}

/**
 * The investigation card's data with at most `shown` timeline entries: the first ones (how the app got
 * its access) and the latest ones (what it does now); the count of those in between is said.
 */
export function investigationView(investigation: Investigation, tenantId: string, shown: number): InvestigationView {
  const { profile, timeline } = investigation;
  const now = investigation.generatedAt;
  const state = appDetailView(profile.assessment, tenantId, now, 0, profile.resourceNames);
  const fits = timeline.length <= shown;
  const head = fits ? timeline.length : Math.ceil(shown * 0.6);
  const tail = fits ? 0 : shown - head;
  return {
    appId: state.appId,
    displayName: state.displayName,
    riskLevel: state.riskLevel,
    generatedAt: `${minute(now.getTime())} UTC`,
    sources: `directory audits of the last ${AUDIT_LOOKBACK_DAYS} days · Exchange audit of the last ${EXCHANGE_LOOKBACK_DAYS} days`,
    sourceProblems: investigation.problems,
    summary: summaryOf(timeline),
    earlier: timeline.slice(0, head).map((e) => timelineEntryView(e, state.appId)),
    notShown: timeline.length - head - tail,
    later: tail > 0 ? timeline.slice(-tail).map((e) => timelineEntryView(e, state.appId)) : [],
    enabled: state.enabled,
    permissions: state.permissions,
    roles: state.roles,
    credentials: state.credentials,
    federatedCredentials: state.federatedCredentials,
  };
}
