// One-line JSON logs on stderr. Secrets never reach a log line: values of variables that hold
// tokens or secrets are replaced wherever they appear.
export interface Logger {
	info: (msg: string, fields?: Record<string, unknown>) => void;
	warn: (msg: string, fields?: Record<string, unknown>) => void;
	error: (msg: string, fields?: Record<string, unknown>) => void;
}

const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD/i;

function secretValues(env: NodeJS.ProcessEnv): string[] {
	return Object.entries(env)
		.filter(([k, v]) => SECRET_NAME.test(k) && typeof v === "string" && v.length >= 6)
		.map(([, v]) => v as string);
}

export function createLogger(
	env: NodeJS.ProcessEnv,
	write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
	const secrets = secretValues(env);
	const scrub = (text: string) => secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);
	const emit =
		(level: string) =>
		(msg: string, fields: Record<string, unknown> = {}) =>
			write(scrub(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })));
	return { info: emit("info"), warn: emit("warn"), error: emit("error") };
}
