// Slack's chat.postMessage and conversations.history, as the price posts and catalog alerts use them: records
// each message posted (channel, text, blocks, metadata, ts) and answers like Slack; conversations.history returns
// a channel's messages newest first since `oldest`, with their metadata only when include_all_metadata is set.
// 429s come with Retry-After in seconds. A chart comes through the external upload flow (filesUploadV2):
// files.getUploadURLExternal hands out an upload URL on this server, the bytes are POSTed to it, and
// files.completeUploadExternal shares the file into a channel (and thread); each file is kept with where it went.
// chat.update (a chart linked by an image block, PUBLIC_URL) of a posted message is kept as the message it makes.
import { type Answer, type Failure, multipartOf, type Recorded, type StandInServer, startStandIn } from "./price-post-http.js";

export interface SlackMessage {
	channel: string;
	text: string;
	// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON, read field by field in tests
	blocks: any[];
	token: string | undefined;
	/** Slack's message metadata, as posted. */
	metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
	ts: string;
}

/** A file shared by files.completeUploadExternal: what getUploadURLExternal was told, where it went, its bytes. */
export interface SlackFile {
	id: string;
	filename: string;
	/** The length files.getUploadURLExternal was told. */
	length: number;
	altText: string;
	channel: string;
	threadTs: string | null;
	/** What was POSTed to the upload URL: filesUploadV2 sends a multipart form. */
	upload: Recorded;
}

export interface SlackPostStandIn extends StandInServer {
	/** For SLACK_API_URL. */
	apiUrl: string;
	messages: SlackMessage[];
	/** Files completed into a channel, in order. */
	files: SlackFile[];
	/** chat.update calls that found their message, in order: the message as each made it (messages keeps the post). */
	updates: SlackMessage[];
}

/** The bytes of a file's upload, read as the standard FormData reader reads the multipart body. */
export async function uploadedBytes(file: SlackFile): Promise<Buffer> {
	const { files } = await multipartOf(file.upload);
	const [only] = Object.values(files);
	if (!only) throw new Error(`upload of ${file.id}: no file in the form`);
	return only.bytes;
}

export const slackRateLimited = (retryAfterS: number): Failure => ({
	status: 429,
	headers: { "retry-after": String(retryAfterS) },
	body: { ok: false, error: "ratelimited" },
});

/** Slack's API parameters: a form (what WebClient sends) or JSON. */
function params(contentType: string | undefined, body: string): Record<string, unknown> {
	return contentType?.includes("json") ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));
}

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

export async function startSlackPostStandIn(): Promise<SlackPostStandIn> {
	const messages: SlackMessage[] = [];
	const files: SlackFile[] = [];
	const updates: SlackMessage[] = [];
	/** Files asked for, by id: their upload once it came. */
	const asked = new Map<string, { filename: string; length: number; altText: string; upload: Recorded | null }>();
	let seq = 0;
	const server = await startStandIn((req): Answer => {
		if (req.path.startsWith("/upload/")) {
			const file = asked.get(req.path.slice("/upload/".length));
			if (!file) return { status: 404, body: "no such upload" };
			file.upload = req;
			return { status: 200, body: `OK - ${req.raw.byteLength}` };
		}
		const p = params(req.headers["content-type"], req.body);
		const channel = String(p.channel ?? "");
		if (req.path === "/api/chat.postMessage") {
			// Slack's ts: seconds since the epoch, then a sequence that keeps it unique.
			const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
			const blocks = json(p.blocks) ?? [];
			const metadata = p.metadata === undefined ? null : json(p.metadata);
			messages.push({ channel, text: String(p.text ?? ""), blocks, token: req.headers.authorization, metadata, ts });
			return { status: 200, body: { ok: true, channel, ts, message: { text: p.text } } };
		}
		if (req.path === "/api/chat.update") {
			const at = messages.findIndex((m) => m.channel === channel && m.ts === String(p.ts));
			if (at < 0) return { status: 200, body: { ok: false, error: "message_not_found" } };
			const updated = { ...messages[at]!, text: String(p.text ?? ""), blocks: json(p.blocks) ?? [] };
			updates.push(updated);
			return { status: 200, body: { ok: true, channel, ts: updated.ts, text: updated.text } };
		}
		if (req.path === "/api/conversations.history") {
			const oldest = Number(p.oldest ?? 0);
			const withMetadata = String(p.include_all_metadata) === "true";
			const found = messages
				.filter((m) => m.channel === channel && Number(m.ts) >= oldest)
				.reverse()
				.map((m) => ({
					type: "message",
					ts: m.ts,
					text: m.text,
					...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
				}));
			return { status: 200, body: { ok: true, messages: found, has_more: false } };
		}
		if (req.path === "/api/files.getUploadURLExternal") {
			const id = `F0${++seq}`;
			asked.set(id, { filename: String(p.filename), length: Number(p.length), altText: String(p.alt_text ?? ""), upload: null });
			return { status: 200, body: { ok: true, file_id: id, upload_url: `${server.url}/upload/${id}` } };
		}
		if (req.path === "/api/files.completeUploadExternal") {
			const shared = json(p.files) as { id: string; title?: string }[];
			for (const { id } of shared) {
				const file = asked.get(id);
				if (!file?.upload) return { status: 200, body: { ok: false, error: "file_not_found" } };
				const threadTs = p.thread_ts === undefined ? null : String(p.thread_ts);
				files.push({ id, ...file, upload: file.upload, channel: String(p.channel_id ?? ""), threadTs });
			}
			return { status: 200, body: { ok: true, files: shared.map((f) => ({ id: f.id, title: f.title ?? "" })) } };
		}
		return { status: 200, body: { ok: false, error: "unknown_method" } };
	});
	return { ...server, apiUrl: `${server.url}/api/`, messages, files, updates };
}
