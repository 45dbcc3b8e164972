// discord.js's REST client (@discordjs/rest) sends its requests through Node's own fetch. Its default on Node, the
// undici it brings, fails inside the shipped bundle on a multipart body ("o is not a function" while streaming the
// form), so no chart attachment ever left the bundled server, while the tests, run from the sources, passed.
// Imported by the Discord transport and the scheduler's Discord sender, hence outside both rooms.
import type { RESTOptions } from "@discordjs/rest";

type MakeRequest = RESTOptions["makeRequest"];

/** RESTOptions.makeRequest through the global fetch (the client's own choice where the runtime has one). */
export const viaGlobalFetch: MakeRequest = (url, init) =>
	// undici's RequestInit and Response types against the DOM ones of the global fetch: the same objects at run time.
	fetch(url, init as unknown as RequestInit) as unknown as ReturnType<MakeRequest>;
