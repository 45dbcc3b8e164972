/** One problem found in the catalog, named precisely enough to fix it. */
export interface CatalogError {
	file: string;
	entry: string;
	field: string;
	message: string;
}

export function formatCatalogError(e: CatalogError): string {
	return `${e.file}: ${e.entry}: ${e.field}: ${e.message}`;
}
