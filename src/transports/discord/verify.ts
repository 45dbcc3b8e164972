// Discord signs every interaction with the application's Ed25519 key over timestamp + raw body, and
// probes the endpoint with bad signatures: anything that does not verify must get 401.
import { type KeyObject, verify } from "node:crypto";

const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;

export function verifyInteraction(
	key: KeyObject,
	signature: string | string[] | undefined,
	timestamp: string | string[] | undefined,
	rawBody: Buffer,
): boolean {
	if (typeof signature !== "string" || typeof timestamp !== "string" || timestamp === "") return false;
	if (!HEX_SIGNATURE.test(signature)) return false;
	try {
		return verify(null, Buffer.concat([Buffer.from(timestamp, "utf8"), rawBody]), key, Buffer.from(signature, "hex"));
	} catch {
		return false;
	}
}
