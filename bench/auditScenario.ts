import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_SCENARIO } from '../bot/demoTenant';
import { SeededRandom } from '../sim/ids';

const DAY_MS = 86_400_000;
// A year of a large tenant's mail-flow administration, squeezed into 180 days: mostly edits.
const OPERATIONS: [string, number][] = [
  ['Set-TransportRule', 0.7],
  ['Enable-TransportRule', 0.06],
  ['Disable-TransportRule', 0.06],
  ['New-TransportRule', 0.1],
  ['Remove-TransportRule', 0.08],
];
const RULES = 500;
const SERVERS = ['BN8PR15MB2563 (15.20.8182.019)', 'SA1PR15MB5109 (15.20.8158.013)', 'CH3PR15MB6472 (15.20.8182.021)'];

function operation(random: SeededRandom): string {
  let roll = random.next();
  for (const [name, share] of OPERATIONS) {
    if ((roll -= share) < 0) return name;
  }
  return OPERATIONS[0][0];
}

function parameters(op: string, rule: string, change: number): { Name: string; Value: string }[] {
  if (op === 'New-TransportRule') return [{ Name: 'Name', Value: rule }, { Name: 'SentToScope', Value: 'NotInOrganization' }, { Name: 'PrependSubject', Value: '[External] ' }];
  if (op === 'Set-TransportRule') return [{ Name: 'Identity', Value: rule }, { Name: 'Comments', Value: `CHG-${change}` }];
  return [{ Name: 'Identity', Value: rule }];
}

/**
 * The default scenario plus `count` exchangeAdmin transport-rule records by the tenant's admins, spread
 * over the 180 days before the scenario's `now`, so "show transport rules 180 days" reads every one.
 */
export function writeAuditScenario(count: number, file: string): void {
  const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const tenantId: string = scenario.tenant.id;
  const nowMs = Date.parse(scenario.now);
  const admins: string[] = scenario.users.map((u: { userPrincipalName: string }) => u.userPrincipalName).slice(0, 20);
  const random = new SeededRandom(0xa0d17);
  for (let i = 0; i < count; i++) {
    const id = random.guid();
    const created = new Date(nowMs - 3_600_000 - random.int(179 * DAY_MS)).toISOString().slice(0, 19);
    const op = operation(random);
    const rule = `Mail flow rule ${random.int(RULES)}`;
    const admin = admins[random.int(admins.length)];
    const ip = `192.0.2.${10 + random.int(40)}`;
    scenario.exchange.auditRecords.push({
      '@odata.type': '#microsoft.graph.security.auditLogRecord',
      id,
      createdDateTime: `${created}Z`,
      auditLogRecordType: 'exchangeAdmin',
      operation: op,
      organizationId: tenantId,
      userType: 'admin',
      userId: admin,
      userPrincipalName: admin,
      clientIp: ip,
      objectId: rule,
      service: 'Exchange',
      administrativeUnits: [],
      auditData: {
        CreationTime: created, Id: id, Operation: op, OrganizationId: tenantId, RecordType: 1, ResultStatus: 'True',
        UserKey: admin, UserType: 2, Workload: 'Exchange', ClientIP: ip, ObjectId: rule, UserId: admin,
        ExternalAccess: false, OrganizationName: scenario.tenant.defaultDomain, OriginatingServer: SERVERS[i % SERVERS.length],
        Parameters: parameters(op, rule, 1000 + i),
      },
    });
  }
  writeFileSync(file, JSON.stringify(scenario));
}
