import type { ExchangeActor, UnifiedAuditLog } from '../audit/unifiedAuditLog';
import { newRequestId } from '../ids';
import { objectAlreadyExists, objectNotFound, parameterBinding } from './errors';
import type { ConfigurationKind, ExchangeOrganization } from './organization';
import { exchangeDateTime, type ExchangeObject } from './wire';

/**
 * `value`: anything but null (ResultSize takes a number or 'Unlimited'); `int`: a whole number (or its text);
 * `list`: a multi-valued property, one string or an array of strings (bound as an array).
 */
type ParameterType = 'string' | 'boolean' | 'value' | 'int' | 'list';

export interface CmdletCall {
  organization: ExchangeOrganization;
  auditLog: UnifiedAuditLog;
  actor: ExchangeActor;
  now: Date;
  /** Bound parameters under their canonical names, in the order the caller sent them. */
  parameters: ReadonlyMap<string, unknown>;
}

export interface CmdletOutput {
  value: readonly ExchangeObject[];
  warnings: string[];
}

export interface Cmdlet {
  name: string;
  parameters: Readonly<Record<string, ParameterType>>;
  mandatory?: readonly string[];
  run(call: CmdletCall): CmdletOutput;
}

const asPowerShellText = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(String).join(';');
  return String(value);
};

function located(call: CmdletCall, kind: ConfigurationKind): ExchangeObject {
  const identity = String(call.parameters.get('Identity'));
  const found = call.organization.find(kind, identity);
  if (!found) throw objectNotFound(identity, call.organization.domainController);
  return found;
}

/** Exchange writes an exchangeAdmin audit record for every cmdlet that saved a change. */
function audit(call: CmdletCall, operation: string, object: ExchangeObject): void {
  call.auditLog.recordExchangeAdmin({
    operation,
    objectId: String(object.Identity ?? object.Name),
    parameters: [...call.parameters].map(([Name, value]) => ({ Name, Value: asPowerShellText(value) })),
    actor: call.actor,
    now: call.now,
  });
}

function getter(name: string, kind: ConfigurationKind, extra: Record<string, ParameterType> = {}, filter?: (object: ExchangeObject, call: CmdletCall) => boolean): Cmdlet {
  return {
    name,
    parameters: { Identity: 'string', ...extra },
    run(call) {
      if (call.parameters.has('Identity')) return { value: [located(call, kind)], warnings: [] };
      const all = call.organization.list(kind);
      return { value: filter ? all.filter((object) => filter(object, call)) : all, warnings: [] };
    },
  };
}

/** Set-*Connector: only Enabled is simulated; an unchanged value ends with Exchange's "no settings modified" warning. */
function connectorSetter(name: string, kind: ConfigurationKind): Cmdlet {
  return {
    name,
    parameters: { Identity: 'string', Enabled: 'boolean', Confirm: 'boolean' },
    mandatory: ['Identity'],
    run(call) {
      const connector = located(call, kind);
      const enabled = call.parameters.get('Enabled');
      if (enabled === undefined || connector.Enabled === enabled) {
        return { value: [], warnings: [`The command completed successfully but no settings of '${String(connector.Identity)}' have been modified.`] };
      }
      call.organization.update(connector, { Enabled: enabled }, call.now);
      audit(call, name, connector);
      return { value: [], warnings: [] };
    },
  };
}

function remover(name: string, kind: ConfigurationKind): Cmdlet {
  return {
    name,
    parameters: { Identity: 'string', Confirm: 'boolean' },
    mandatory: ['Identity'],
    run(call) {
      const object = located(call, kind);
      call.organization.remove(kind, object);
      audit(call, name, object);
      return { value: [], warnings: [] };
    },
  };
}

function ruleStateSetter(name: string, state: 'Enabled' | 'Disabled'): Cmdlet {
  return {
    name,
    parameters: { Identity: 'string', Confirm: 'boolean' },
    mandatory: ['Identity'],
    run(call) {
      const rule = located(call, 'transportRules');
      if (rule.State === state) return { value: [], warnings: [] };
      call.organization.update(rule, { State: state }, call.now);
      audit(call, name, rule);
      return { value: [], warnings: [] };
    },
  };
}

/** Refuses a Name another object of the kind already has (`except`: the object being renamed). */
function checkNameFree(call: CmdletCall, kind: ConfigurationKind, name: string, except?: ExchangeObject): void {
  const holder = call.organization.named(kind, name);
  if (holder && holder !== except) throw objectAlreadyExists(call.organization.distinguishedName(kind, name), call.organization.domainController);
}

/** A new object's directory identity: Identity = Name, a new Guid (= ExchangeObjectId), both dates now. */
function newObjectBase(call: CmdletCall, kind: ConfigurationKind, name: string): { identity: ExchangeObject; stamps: ExchangeObject } {
  const guid = newRequestId();
  const now = exchangeDateTime(call.now.getTime(), false);
  return {
    identity: { Name: name, Identity: name, Guid: guid },
    stamps: { DistinguishedName: call.organization.distinguishedName(kind, name), ExchangeObjectId: guid, WhenCreated: now, WhenChanged: now },
  };
}

const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

const CONNECTOR_TYPES = ['Partner', 'OnPremises'];

/** Get-InboundConnector lists sender domains as address spaces: `smtp:contoso.com;1`. */
const addressSpace = (domain: string): string => (/^[a-z]+:/i.test(domain) ? domain : `smtp:${domain};1`);

const newInboundConnector: Cmdlet = {
  name: 'New-InboundConnector',
  parameters: {
    Name: 'string', ConnectorType: 'string', ConnectorSource: 'string', SenderDomains: 'list', SenderIPAddresses: 'list',
    AssociatedAcceptedDomains: 'list', RequireTls: 'boolean', TlsSenderCertificateName: 'value', RestrictDomainsToCertificate: 'boolean',
    RestrictDomainsToIPAddresses: 'boolean', CloudServicesMailEnabled: 'boolean', TreatMessagesAsInternal: 'boolean',
    Comment: 'value', Enabled: 'boolean', Confirm: 'boolean',
  },
  mandatory: ['Name', 'SenderDomains'],
  run(call) {
    const p = call.parameters;
    const name = String(p.get('Name'));
    const type = p.has('ConnectorType') ? CONNECTOR_TYPES.find((candidate) => candidate.toLowerCase() === String(p.get('ConnectorType')).toLowerCase()) : 'Partner';
    if (!type) {
      throw parameterBinding(`Cannot process argument transformation on parameter 'ConnectorType'. Cannot convert value "${String(p.get('ConnectorType'))}" to type "Microsoft.Exchange.Data.TenantConnectorType". Error: "Unable to match the identifier name ${String(p.get('ConnectorType'))} to a valid enumerator name. Specify one of the following enumerator names and try again: ${CONNECTOR_TYPES.join(', ')}"`);
    }
    checkNameFree(call, 'inboundConnectors', name);
    const { identity, stamps } = newObjectBase(call, 'inboundConnectors', name);
    const connector: ExchangeObject = {
      ...identity,
      Enabled: p.get('Enabled') ?? true,
      ConnectorType: type,
      ConnectorSource: text(p.get('ConnectorSource')) ?? 'Default',
      SenderDomains: (p.get('SenderDomains') as string[]).map(addressSpace),
      SenderIPAddresses: (p.get('SenderIPAddresses') as string[] | undefined) ?? [],
      AssociatedAcceptedDomains: (p.get('AssociatedAcceptedDomains') as string[] | undefined) ?? [],
      RestrictDomainsToIPAddresses: p.get('RestrictDomainsToIPAddresses') ?? false,
      RestrictDomainsToCertificate: p.get('RestrictDomainsToCertificate') ?? false,
      TlsSenderCertificateName: text(p.get('TlsSenderCertificateName')),
      RequireTls: p.get('RequireTls') ?? false,
      TreatMessagesAsInternal: p.get('TreatMessagesAsInternal') ?? false,
      CloudServicesMailEnabled: p.get('CloudServicesMailEnabled') ?? false,
      Comment: text(p.get('Comment')),
      ...stamps,
    };
    call.organization.add('inboundConnectors', connector);
    audit(call, 'New-InboundConnector', connector);
    return { value: [connector], warnings: [] };
  },
};

/** The transport rule parameters simulated for New-/Set-TransportRule (conditions and actions kept as given). */
const RULE_PARAMETERS: Record<string, ParameterType> = {
  Name: 'string', Priority: 'int', Mode: 'string', SenderIpRanges: 'list', SenderDomainIs: 'list', RemoveHeader: 'string',
  SetHeaderName: 'string', SetHeaderValue: 'string', SetSCL: 'int', Comments: 'value', Confirm: 'boolean',
};
const RULE_PROPERTIES = ['SenderIpRanges', 'SenderDomainIs', 'RemoveHeader', 'SetHeaderName', 'SetHeaderValue', 'SetSCL'] as const;
const RULE_MODES = ['Enforce', 'Audit', 'AuditAndNotify'];
const RULE_STATES = ['Enabled', 'Disabled'];

const quoted = (values: unknown): string => (Array.isArray(values) ? values : [values]).map((value) => `'${String(value)}'`).join(' or ');

/** The rule's Description as Get-TransportRule writes it, for the simulated conditions and actions. */
function ruleDescription(rule: ExchangeObject): string {
  const conditions: string[] = [];
  if (rule.SenderIpRanges) conditions.push(`sender ip addresses belong to one of these ranges: ${quoted(rule.SenderIpRanges)}`);
  if (rule.SenderDomainIs) conditions.push(`sender's domain is ${quoted(rule.SenderDomainIs)}`);
  const actions: string[] = [];
  if (rule.RemoveHeader) actions.push(`Remove the message header '${String(rule.RemoveHeader)}'`);
  if (rule.SetHeaderName) actions.push(`Set message header '${String(rule.SetHeaderName)}' with the value '${String(rule.SetHeaderValue ?? '')}'`);
  if (rule.SetSCL !== null && rule.SetSCL !== undefined) actions.push(`Set the spam confidence level (SCL) to '${String(rule.SetSCL)}'`);
  const lines = (items: string[]) => items.map((item, i) => `\t${i === 0 ? '' : 'and '}${item}\r\n`).join('');
  const when = conditions.length > 0 ? `If the message:\r\n${lines(conditions)}` : '';
  return `${when}Take the following actions:\r\n${lines(actions)}`;
}

/** Checks the values binding cannot (enumerations, ranges) and returns the rule properties they set. */
function ruleChanges(call: CmdletCall): ExchangeObject {
  const p = call.parameters;
  const changes: ExchangeObject = {};
  for (const name of RULE_PROPERTIES) if (p.has(name)) changes[name] = p.get(name);
  if (p.has('SetSCL')) {
    const scl = p.get('SetSCL') as number;
    if (scl < -1 || scl > 9) throw parameterBinding(`Cannot validate argument on parameter 'SetSCL'. The argument "${scl}" is not in the range -1 to 9. Supply an argument that is in the range and then try the command again.`);
  }
  if (p.has('Mode')) {
    const mode = RULE_MODES.find((candidate) => candidate.toLowerCase() === String(p.get('Mode')).toLowerCase());
    if (!mode) throw parameterBinding(`Cannot process argument transformation on parameter 'Mode'. Cannot convert value "${String(p.get('Mode'))}" to type "Microsoft.Exchange.MessagingPolicies.Rules.RuleMode". Error: "Unable to match the identifier name ${String(p.get('Mode'))} to a valid enumerator name. Specify one of the following enumerator names and try again: ${RULE_MODES.join(', ')}"`);
    changes.Mode = mode;
  }
  if (p.has('Comments')) changes.Comments = String(p.get('Comments'));
  if (p.has('Priority') && (p.get('Priority') as number) < 0) {
    throw parameterBinding(`Cannot validate argument on parameter 'Priority'. The ${String(p.get('Priority'))} argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.`);
  }
  return changes;
}

const newTransportRule: Cmdlet = {
  name: 'New-TransportRule',
  parameters: { ...RULE_PARAMETERS, Enabled: 'boolean', State: 'string' },
  mandatory: ['Name'],
  run(call) {
    const p = call.parameters;
    const name = String(p.get('Name'));
    const changes = ruleChanges(call);
    let state = p.get('Enabled') === false ? 'Disabled' : 'Enabled';
    if (p.has('State')) {
      const given = RULE_STATES.find((candidate) => candidate.toLowerCase() === String(p.get('State')).toLowerCase());
      if (!given) throw parameterBinding(`Cannot process argument transformation on parameter 'State'. Cannot convert value "${String(p.get('State'))}" to type "Microsoft.Exchange.MessagingPolicies.Rules.RuleState". Error: "Unable to match the identifier name ${String(p.get('State'))} to a valid enumerator name. Specify one of the following enumerator names and try again: ${RULE_STATES.join(', ')}"`);
      state = given;
    }
    checkNameFree(call, 'transportRules', name);
    const { identity, stamps } = newObjectBase(call, 'transportRules', name);
    const rule: ExchangeObject = {
      ...identity,
      State: state,
      Mode: 'Enforce',
      Priority: 0,
      RemoveHeader: null,
      SetHeaderName: null,
      SetHeaderValue: null,
      SetSCL: null,
      SenderDomainIs: null,
      SenderIpRanges: null,
      Comments: '',
      ...changes,
      ...stamps,
    };
    rule.Description = ruleDescription(rule);
    call.organization.add('transportRules', rule);
    call.organization.placeRule(rule, p.get('Priority') as number | undefined);
    audit(call, 'New-TransportRule', rule);
    return { value: [rule], warnings: [] };
  },
};

/** Set-TransportRule for the simulated parameters; an unchanged rule ends with the "no settings modified" warning. */
const setTransportRule: Cmdlet = {
  name: 'Set-TransportRule',
  parameters: { Identity: 'string', ...RULE_PARAMETERS },
  mandatory: ['Identity'],
  run(call) {
    const rule = located(call, 'transportRules');
    const changes = ruleChanges(call);
    const renamed = call.parameters.get('Name') as string | undefined;
    if (renamed !== undefined && renamed !== rule.Name) {
      checkNameFree(call, 'transportRules', renamed, rule);
      Object.assign(changes, { Name: renamed, Identity: renamed, DistinguishedName: call.organization.distinguishedName('transportRules', renamed) });
    }
    const priority = call.parameters.get('Priority') as number | undefined;
    const moved = priority !== undefined && priority !== rule.Priority;
    const changed = Object.entries(changes).filter(([key, value]) => JSON.stringify(rule[key] ?? null) !== JSON.stringify(value ?? null));
    if (changed.length === 0 && !moved) {
      return { value: [], warnings: [`The command completed successfully but no settings of '${String(rule.Identity)}' have been modified.`] };
    }
    call.organization.update(rule, Object.fromEntries(changed), call.now);
    rule.Description = ruleDescription(rule);
    if (moved) call.organization.placeRule(rule, priority);
    audit(call, 'Set-TransportRule', rule);
    return { value: [], warnings: [] };
  },
};

const byState = (rule: ExchangeObject, call: CmdletCall): boolean => {
  const state = call.parameters.get('State');
  return state === undefined || String(rule.State).toLowerCase() === String(state).toLowerCase();
};

/** The cmdlets this simulator answers; any other name gets the unknown-cmdlet answer. */
export const CMDLETS: readonly Cmdlet[] = [
  getter('Get-InboundConnector', 'inboundConnectors'),
  getter('Get-OutboundConnector', 'outboundConnectors'),
  getter('Get-TransportRule', 'transportRules', { State: 'string', ResultSize: 'value' }, byState),
  {
    name: 'Get-AdminAuditLogConfig',
    parameters: {},
    run: (call) => ({ value: [call.organization.adminAuditLogConfig], warnings: [] }),
  },
  connectorSetter('Set-InboundConnector', 'inboundConnectors'),
  remover('Remove-InboundConnector', 'inboundConnectors'),
  connectorSetter('Set-OutboundConnector', 'outboundConnectors'),
  remover('Remove-OutboundConnector', 'outboundConnectors'),
  ruleStateSetter('Disable-TransportRule', 'Disabled'),
  ruleStateSetter('Enable-TransportRule', 'Enabled'),
  remover('Remove-TransportRule', 'transportRules'),
  newInboundConnector,
  newTransportRule,
  setTransportRule,
];

export function findCmdlet(name: string): Cmdlet | undefined {
  return CMDLETS.find((cmdlet) => cmdlet.name.toLowerCase() === name.toLowerCase());
}

const BOOLEAN_ONLY = 'Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.';

/** Binds Parameters as PowerShell would: names case-insensitively, values by type, mandatory ones present. */
export function bindParameters(cmdlet: Cmdlet, raw: Record<string, unknown>): Map<string, unknown> {
  const bound = new Map<string, unknown>();
  for (const [sent, value] of Object.entries(raw)) {
    const name = Object.keys(cmdlet.parameters).find((candidate) => candidate.toLowerCase() === sent.toLowerCase());
    if (!name) throw parameterBinding(`A parameter cannot be found that matches parameter name '${sent}'.`);
    const type = cmdlet.parameters[name];
    if (type === 'boolean' && typeof value !== 'boolean') {
      throw parameterBinding(`Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "System.Boolean". ${BOOLEAN_ONLY}`);
    }
    if (type === 'string' && (typeof value !== 'string' || value === '')) {
      throw parameterBinding(`Cannot validate argument on parameter '${name}'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.`);
    }
    if (value === null || value === undefined) {
      throw parameterBinding(`Cannot validate argument on parameter '${name}'. The argument is null. Provide a valid value for the argument, and then try running the command again.`);
    }
    if (type === 'int') {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isInteger(number) || Math.abs(number) > 2 ** 31 - 1) {
        throw parameterBinding(`Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "System.Int32". Error: "Input string was not in a correct format."`);
      }
      bound.set(name, number);
      continue;
    }
    if (type === 'list') {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.some((item) => typeof item !== 'string' || item === '')) {
        throw parameterBinding(`Cannot validate argument on parameter '${name}'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.`);
      }
      bound.set(name, [...values]);
      continue;
    }
    bound.set(name, value);
  }
  const missing = (cmdlet.mandatory ?? []).filter((name) => !bound.has(name));
  if (missing.length > 0) throw parameterBinding(`Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`);
  return bound;
}
