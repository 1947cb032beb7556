import type { ExchangeActor, UnifiedAuditLog } from '../audit/unifiedAuditLog';
import { objectNotFound, parameterBinding } from './errors';
import type { ConfigurationKind, ExchangeOrganization } from './organization';
import type { ExchangeObject } from './wire';

/** `value`: anything but null (ResultSize takes a number or 'Unlimited'). */
type ParameterType = 'string' | 'boolean' | 'value';

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
    bound.set(name, value);
  }
  const missing = (cmdlet.mandatory ?? []).filter((name) => !bound.has(name));
  if (missing.length > 0) throw parameterBinding(`Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`);
  return bound;
}
