// Tenant Warden on Azure: a user-assigned managed identity (the bot's Bot Framework identity and the
// identity it reads Microsoft Graph and Exchange Online with: no secret to store or rotate), a Linux
// App Service running Node 22, and an Azure Bot registration with the Teams channel.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU: Basic (B1) or higher, for Always On')
param webAppSku string

@maxLength(42)
param botDisplayName string

@description('Entra group whose (transitive) members may run commands')
param adminsGroupId string

@description('Entra group whose members approve remediation')
param approversGroupId string

@description('Comma-separated app ids whose Exchange changes are labelled as trusted automation; the remediation app is added')
param trustedAppIds string

@description('App (client) id of the separate remediation identity; empty: the bot reads and requests, nobody executes')
param remediationClientId string

@description('Where the remediation certificate (PEM with its private key) is on the Web App; used only with remediationClientId')
param remediationCertificatePath string

@description('Comma-separated object ids or UPNs of emergency-access accounts, never offered for blocking')
param breakGlassAccounts string

@description('How often the watcher runs, such as 5m')
param watchInterval string

@description('How long a remediation request waits for approval, such as 24h')
param requestTtl string

param location string = resourceGroup().location
param identityName string = resourceBaseName
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// One instance with the SQLite store (requests, audit trail). For more, set STORAGE=blob with a storage
// container every instance shares (README, "Several instances") before raising the capacity.
resource serverfarm 'Microsoft.Web/serverfarms@2022-03-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-03-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/bot/server.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          // App Service installs and builds on Linux, so better-sqlite3 is compiled for its Node.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          // A managed identity gets tokens for its own tenant only: the tenant watched is the identity's.
          name: 'TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'ADMINS_GROUP_ID'
          value: adminsGroupId
        }
        {
          name: 'APPROVERS_GROUP_ID'
          value: approversGroupId
        }
        {
          // Empty items are ignored by the bot.
          name: 'TRUSTED_APP_IDS'
          value: '${remediationClientId},${trustedAppIds}'
        }
        {
          name: 'REMEDIATION_CLIENT_ID'
          value: remediationClientId
        }
        {
          name: 'REMEDIATION_CLIENT_CERTIFICATE_PATH'
          value: remediationCertificatePath
        }
        {
          name: 'BREAK_GLASS_ACCOUNTS'
          value: breakGlassAccounts
        }
        {
          name: 'WATCH_INTERVAL'
          value: watchInterval
        }
        {
          name: 'REQUEST_TTL'
          value: requestTtl
        }
        {
          // /home survives restarts and deployments.
          name: 'DATA_DIR'
          value: '/home/data/tenant-warden'
        }
      ]
    }
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    botAppDomain: webApp.properties.defaultHostName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
  }
}

// The Toolkit writes these outputs to env/.env.<env> (https://aka.ms/teamsfx-actions/arm-deploy).
output BOT_ID string = identity.properties.clientId
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
