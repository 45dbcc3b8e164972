/** The form names are compared in: case, spaces, '-', '_' and '/' do not distinguish two names. */
export function normalizeName(name: string): string {
	return name.toLowerCase().replace(/[\s\-_/]+/g, "");
}
