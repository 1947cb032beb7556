import type { TurnContext } from 'botbuilder';
import { buildPlan } from '../../services/remediation/plans';
import type { FindingReference } from '../../services/remediation/types';
import { NOT_ADMIN, personOf, rolesIn } from '../access';
import type { BotDeps } from '../deps';
import { failureCard, sendCard } from '../reply';
import { askApprovers, NO_APPROVALS_CHAT, postRequesterCard } from '../requestCards';
import type { Parsed } from './findingReference';

export const REQUEST_VERB = 'requestRemediation';

/**
 * A remediation button: the target is rebuilt from Graph or Exchange and the finding checked to
 * still hold; the request is stored, the approvers asked, and the requester gets a card to follow.
 */
export async function requestRemediation(context: TurnContext, deps: BotDeps, parsed: Parsed<FindingReference>): Promise<string> {
  const person = personOf(context);
  if (!rolesIn(context).admin) {
    await deps.approvals.refused(person, undefined, 'request', NOT_ADMIN);
    return NOT_ADMIN;
  }
  if (!parsed.ok) {
    await deps.approvals.refused(person, undefined, 'request', parsed.reason);
    return `Nothing was requested: ${parsed.reason}.`;
  }
  return (await createRequest(context, deps, parsed.value)).message;
}

const CHANGES_AN_APP: FindingReference['kind'][] = ['contain', 'revokePermission', 'removeRole', 'removeCredentials', 'disableApp'];

/**
 * Plans the change from the tenant as it is now, stores the request, asks the approvers and gives the
 * requester a card to follow. The answer is a sentence for the requester. The caller checked the role.
 */
export async function createRequest(context: TurnContext, deps: BotDeps, reference: FindingReference): Promise<{ created: boolean; message: string }> {
  const person = personOf(context);
  if (CHANGES_AN_APP.includes(reference.kind) && deps.trustedAppIds.includes(reference.target.toLowerCase())) {
    const reason = 'this is Tenant Warden\'s own app (TRUSTED_APP_IDS); change it in the Entra admin center, where the change does not depend on the app itself';
    await deps.approvals.refused(person, undefined, 'request', reason);
    return { created: false, message: `Nothing was requested: ${reason}.` };
  }
  try {
    const plan = await buildPlan(reference, {
      graph: deps.graph,
      exchange: deps.exchange,
      tenantId: deps.tenant.id,
      now: deps.now(),
      breakGlassAccounts: deps.breakGlassAccounts,
      knownGood: deps.knownGood,
    });
    if ('refused' in plan) {
      await deps.approvals.refused(person, undefined, 'request', plan.refused);
      return { created: false, message: `Nothing was requested: ${plan.refused}.` };
    }
    const request = await deps.approvals.create(deps.tenant.id, reference, plan, person);
    const asked = await askApprovers(request, deps);
    await postRequesterCard(context, request, deps, asked ? '' : NO_APPROVALS_CHAT);
    return {
      created: true,
      message: asked ? 'Request created and sent to the approvers; its card follows.' : 'Request created, but no approvals chat is set: see the card.',
    };
  } catch (error) {
    await sendCard(context, failureCard(error, deps.log, 'requestRemediation', context));
    return { created: false, message: 'The request could not be created; see the next message.' };
  }
}
