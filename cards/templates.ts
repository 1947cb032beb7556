// The card templates, imported as JSON modules so the compiled dist carries them.
import riskyApps from './riskyApps.json';
import appDetail from './appDetail.json';
import help from './help.json';
import error from './error.json';
import appChoice from './appChoice.json';
import exchangeChanges from './exchangeChanges.json';
import requestStatus from './requestStatus.json';
import pending from './pending.json';
import audit from './audit.json';
import admins from './admins.json';
import posture from './posture.json';
import investigation from './investigation.json';
import watchAlert from './watchAlert.json';
import knownGood from './knownGood.json';

export const templates = { riskyApps, appDetail, help, error, appChoice, exchangeChanges, requestStatus, pending, audit, admins, posture, investigation, watchAlert, knownGood } as const;
