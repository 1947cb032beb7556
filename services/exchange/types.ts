// Shapes of Exchange admin data. The audit log query API (microsoft.graph.security.auditLogQuery,
// auditLogRecord) is not in @microsoft/microsoft-graph-types 2.x, so it is typed here from the
// v1.0 documentation; connectors and rules as the Get-* cmdlets return them.

export type AuditLogQueryStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknownFutureValue';

export interface AuditLogQuery {
  id: string;
  displayName?: string;
  filterStartDateTime?: string;
  filterEndDateTime?: string;
  recordTypeFilters?: string[];
  operationFilters?: string[];
  status: AuditLogQueryStatus;
}

export interface CmdletParameter {
  Name: string;
  Value: string;
}

/** The ExchangeAdmin schema of the Office 365 Management Activity API, as auditData carries it. */
export interface ExchangeAdminAuditData {
  CreationTime: string;
  Id: string;
  Operation: string;
  OrganizationId?: string;
  RecordType?: number;
  ResultStatus?: string;
  UserKey?: string;
  UserType?: number;
  Workload?: string;
  ObjectId?: string;
  UserId?: string;
  ClientIP?: string;
  Parameters?: CmdletParameter[];
  ExternalAccess?: boolean;
  OrganizationName?: string;
  OriginatingServer?: string;
  /** Present in real records of app-driven changes, though not in the documented schema. */
  AppId?: string;
  ClientAppId?: string;
}

export interface AuditLogRecord {
  id: string;
  createdDateTime: string;
  auditLogRecordType?: string;
  operation?: string;
  organizationId?: string;
  userType?: string;
  userId?: string;
  userPrincipalName?: string;
  clientIp?: string;
  objectId?: string;
  service?: string;
  auditData: ExchangeAdminAuditData;
}

export interface InboundConnector {
  Identity: string;
  Name: string;
  Guid?: string;
  Enabled: boolean;
  ConnectorType?: string;
  ConnectorSource?: string;
  SenderDomains?: string[];
  SenderIPAddresses?: string[];
  RestrictDomainsToIPAddresses?: boolean;
  RestrictDomainsToCertificate?: boolean;
  TlsSenderCertificateName?: string | null;
  RequireTls?: boolean;
  TreatMessagesAsInternal?: boolean;
  CloudServicesMailEnabled?: boolean;
  Comment?: string | null;
  WhenCreated?: string;
  WhenChanged?: string;
}

export interface OutboundConnector {
  Identity: string;
  Name: string;
  Guid?: string;
  Enabled: boolean;
  ConnectorType?: string;
  SmartHosts?: string[];
  RecipientDomains?: string[];
  UseMXRecord?: boolean;
  Comment?: string | null;
  WhenCreated?: string;
  WhenChanged?: string;
}

export interface TransportRule {
  Identity: string;
  Name: string;
  Guid?: string;
  State?: string;
  Mode?: string;
  Priority?: number;
  RemoveHeader?: string | null;
  SetHeaderName?: string | null;
  SetHeaderValue?: string | null;
  SetSCL?: number | string | null;
  SenderDomainIs?: string[] | null;
  SenderIpRanges?: string[] | null;
  Comments?: string | null;
  Description?: string | null;
  WhenChanged?: string;
}

export interface AdminAuditLogConfig {
  UnifiedAuditLogIngestionEnabled?: boolean;
  AdminAuditLogEnabled?: boolean;
}
