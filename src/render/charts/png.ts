// SVG to PNG with resvg (a native add-on, left to node_modules by the bundler). Text is drawn with the Inter
// files of @expo-google-fonts/inter and nothing else: system fonts are never loaded, so a fresh machine
// without any font installed draws the same picture.
import { createRequire } from "node:module";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { BACKGROUND, FONT_FAMILY } from "./palette.js";

const resolveHere = createRequire(import.meta.url);

/** The font files every chart is drawn with: Inter regular and semibold (titles). */
export const CHART_FONTS: readonly string[] = [
	resolveHere.resolve("@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf"),
	resolveHere.resolve("@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf"),
];

export interface Png {
	data: Buffer;
	width: number;
	height: number;
}

function options(width: number, fonts: readonly string[]): ResvgRenderOptions {
	return {
		fitTo: { mode: "width", value: width },
		background: BACKGROUND,
		font: { fontFiles: [...fonts], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
		logLevel: "off",
	};
}

/** The SVG as a PNG `width` pixels wide (its height follows the SVG's aspect), drawn with `fonts` only. */
export function svgToPng(svg: string, width: number, fonts: readonly string[] = CHART_FONTS): Png {
	const image = new Resvg(svg, options(width, fonts)).render();
	return { data: image.asPng(), width: image.width, height: image.height };
}
