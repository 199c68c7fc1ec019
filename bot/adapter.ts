import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

export interface BotAuthOptions {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Where the Bot Connector's signing keys are published; tests point it at a local stand-in. */
  openIdMetadataUrl?: string;
}

export interface AdapterLogger {
  error(obj: object, msg: string): void;
}

/**
 * The CloudAdapter validates every inbound token whenever an app id is configured; with none, botbuilder
 * accepts anonymous requests, which is why the server then binds to loopback only.
 */
export function createAdapter(options: BotAuthOptions, log: AdapterLogger): CloudAdapter {
  const auth = new RefusingAuthentication({
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appPassword,
    // No app id means anonymous (loopback) requests: botbuilder's SingleTenant and UserAssignedMSI factories assert an
    // app id, so the type (SingleTenant by default) only applies once there is a registration.
    MicrosoftAppType: options.appId ? options.appType : undefined,
    MicrosoftAppTenantId: options.tenantId,
    ...(options.openIdMetadataUrl ? publicCloudWith(options.openIdMetadataUrl) : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    log.error(
      { err: { name: err.name, message: err.message, stack: err.stack }, conversation: context.activity.conversation?.id },
      'bot turn failed',
    );
    await context.sendActivity('Sorry, something went wrong on my side. The error is logged; please try again.');
  };
  return adapter;
}

/**
 * botbuilder takes either none of the endpoint settings (public cloud defaults) or all of them: naming only the
 * OpenID metadata URL would leave the token issuer unset and refuse every token. So spell out the public cloud.
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * jsonwebtoken's own errors (a signature no published key made, a token not valid yet) leave botbuilder's token
 * check as plain errors, which CloudAdapter answers with 500. They are refusals of the token: make them 401.
 */
const TOKEN_REFUSALS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

function asRefusal(err: unknown): unknown {
  if (err instanceof Error && TOKEN_REFUSALS.has(err.name)) {
    return new AuthenticationError(`Unauthorized: the token was refused (${err.message})`, StatusCodes.UNAUTHORIZED);
  }
  return err;
}

class RefusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asRefusal(err);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asRefusal(err);
    }
  }
}
