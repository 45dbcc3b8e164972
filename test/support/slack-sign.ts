// Requests to /slack/events signed exactly as Slack signs them: v0 HMAC-SHA256 of
// "v0:<timestamp>:<raw body>" with the signing secret, in x-slack-signature, and the Unix time
// in x-slack-request-timestamp. Slash commands are form-encoded fields; interactions are a
// form-encoded `payload` field holding JSON.
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: number, body: string): string {
	return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPostOptions {
	/** Unix seconds; default now. */
	timestamp?: number;
	/** Change the body after signing it (a tampered request). */
	tamper?: (body: string) => string;
}

export interface SlackHttpAnswer {
	status: number;
	text: string;
	// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON, checked field by field in tests
	json: any;
}

export async function postSigned(
	url: string,
	secret: string,
	body: string,
	options: SignedPostOptions = {},
): Promise<SlackHttpAnswer> {
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	const signature = slackSignature(secret, timestamp, body);
	const res = await fetch(url, {
		method: "POST",
		headers: {
			"content-type": "application/x-www-form-urlencoded",
			"x-slack-signature": signature,
			"x-slack-request-timestamp": String(timestamp),
		},
		body: options.tamper ? options.tamper(body) : body,
	});
	const text = await res.text();
	let json: unknown = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		json = null;
	}
	return { status: res.status, text, json };
}

export interface SlashFields {
	command: string;
	text: string;
	user_id?: string;
	response_url: string;
}

/** The form Slack posts for a slash command (the fields Bolt reads, plus the usual rest). */
export function slashBody(f: SlashFields): string {
	return new URLSearchParams({
		token: "legacy-verification-token",
		team_id: "T0TEST",
		team_domain: "gpufit-test",
		channel_id: "C0TEST",
		channel_name: "gpu-planning",
		user_id: f.user_id ?? "U0ALICE",
		user_name: "alice",
		command: f.command,
		text: f.text,
		api_app_id: "A0TEST",
		is_enterprise_install: "false",
		response_url: f.response_url,
		trigger_id: "1.2.3",
	}).toString();
}

/** A block_actions payload for a button click on a card. */
export function buttonBody(a: {
	actionId: string;
	value: string;
	userId?: string;
	responseUrl: string;
	ephemeral: boolean;
	/** The thread the card is in (Slack puts it in the container); none: in the channel itself. */
	threadTs?: string;
}): string {
	const payload = {
		type: "block_actions",
		team: { id: "T0TEST", domain: "gpufit-test" },
		user: { id: a.userId ?? "U0ALICE", username: "alice", team_id: "T0TEST" },
		api_app_id: "A0TEST",
		token: "legacy-verification-token",
		container: {
			type: "message",
			message_ts: "1700000000.000100",
			channel_id: "C0TEST",
			is_ephemeral: a.ephemeral,
			...(a.threadTs ? { thread_ts: a.threadTs } : {}),
		},
		trigger_id: "1.2.3",
		channel: { id: "C0TEST", name: "gpu-planning" },
		response_url: a.responseUrl,
		actions: [
			{
				type: "button",
				action_id: a.actionId,
				block_id: "b1",
				text: { type: "plain_text", text: "button" },
				value: a.value,
				action_ts: "1700000001.000200",
			},
		],
	};
	return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
