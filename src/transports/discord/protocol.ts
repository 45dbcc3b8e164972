// The few numbers and routes of Discord's API that gpufit sends or reads, written here instead of loading
// discord-api-types at run time (some sixty CommonJS files, for five enums). Each value is typed as the
// library's own enum member, so the build fails if one of them ever differs from discord-api-types.
import type {
	ApplicationCommandType as ApiApplicationCommandType,
	InteractionResponseType as ApiInteractionResponseType,
	InteractionType as ApiInteractionType,
	MessageFlags as ApiMessageFlags,
} from "discord-api-types/v10";

export const InteractionType: {
	Ping: ApiInteractionType.Ping;
	ApplicationCommand: ApiInteractionType.ApplicationCommand;
	ApplicationCommandAutocomplete: ApiInteractionType.ApplicationCommandAutocomplete;
} = { Ping: 1, ApplicationCommand: 2, ApplicationCommandAutocomplete: 4 };

export const InteractionResponseType: {
	Pong: ApiInteractionResponseType.Pong;
	ChannelMessageWithSource: ApiInteractionResponseType.ChannelMessageWithSource;
	DeferredChannelMessageWithSource: ApiInteractionResponseType.DeferredChannelMessageWithSource;
	ApplicationCommandAutocompleteResult: ApiInteractionResponseType.ApplicationCommandAutocompleteResult;
} = { Pong: 1, ChannelMessageWithSource: 4, DeferredChannelMessageWithSource: 5, ApplicationCommandAutocompleteResult: 8 };

export const ApplicationCommandType: { ChatInput: ApiApplicationCommandType.ChatInput } = { ChatInput: 1 };

export const MessageFlags: { Ephemeral: ApiMessageFlags.Ephemeral } = { Ephemeral: 64 };

/** Discord's REST routes as discord-api-types' `Routes` writes them (https://discord.com/developers/docs/reference). */
export const Routes = {
	applicationCommands: (applicationId: string) => `/applications/${applicationId}/commands` as const,
	applicationGuildCommands: (applicationId: string, guildId: string) =>
		`/applications/${applicationId}/guilds/${guildId}/commands` as const,
	webhookMessage: (applicationId: string, token: string, messageId: string) =>
		`/webhooks/${applicationId}/${token}/messages/${messageId}` as const,
};
