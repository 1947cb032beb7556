import type { StepSpec } from '../types';
import { deleteDelegatedGrant } from './deleteDelegatedGrant';
import { deleteFederatedCredential } from './deleteFederatedCredential';
import { expectConnector, forgetKnownGood, trustApp } from './knownGoodSteps';
import { disableServicePrincipal } from './disableServicePrincipal';
import { disableConnector, disableTransportRule, removeExchangeObject } from './exchangeSteps';
import { removeDirectoryRole } from './removeDirectoryRole';
import { removeGroupMember } from './removeGroupMember';
import { removeKeyCredential } from './removeKeyCredential';
import { removePassword } from './removePassword';
import { revokeAppRoleAssignment } from './revokeAppRoleAssignment';
import { revokeSignInSessions } from './revokeSignInSessions';
import { blockSignIn, confirmCompromised } from './userSteps';
import type { SpecOf, StepImplementation, StepType } from './step';

/** One implementation per step type; the mapped type makes a missing or mismatched one a compile error. */
export const STEPS: { [T in StepType]: StepImplementation<SpecOf<T>> } = {
  disableServicePrincipal,
  revokeAppRoleAssignment,
  removeDirectoryRole,
  removeGroupMember,
  removePassword,
  removeKeyCredential,
  deleteFederatedCredential,
  deleteDelegatedGrant,
  disableInboundConnector: disableConnector('InboundConnector'),
  removeInboundConnector: removeExchangeObject('InboundConnector'),
  disableOutboundConnector: disableConnector('OutboundConnector'),
  removeOutboundConnector: removeExchangeObject('OutboundConnector'),
  disableTransportRule,
  removeTransportRule: removeExchangeObject('TransportRule'),
  revokeSignInSessions,
  blockSignIn,
  confirmCompromised,
  expectConnector,
  trustApp,
  forgetKnownGood,
};

export function stepFor<S extends StepSpec>(spec: S): StepImplementation<S> {
  // STEPS[spec.type] is typed for exactly this spec type; TypeScript cannot follow that through the index.
  return STEPS[spec.type] as unknown as StepImplementation<S>;
}
