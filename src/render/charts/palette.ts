// Colours of every chart: Okabe-Ito (told apart with each kind of colour blindness), on a solid white card
// with dark ink, so the picture reads the same in a light or a dark chat theme. No meaning rests on colour
// alone: verdicts also differ in shape and are written in the labels; memory segments are labelled and the
// overhead and KV cache segments carry a pattern.

export const OKABE_ITO = {
	black: "#000000",
	orange: "#E69F00",
	skyBlue: "#56B4E9",
	bluishGreen: "#009E73",
	yellow: "#F0E442",
	blue: "#0072B2",
	vermillion: "#D55E00",
	reddishPurple: "#CC79A7",
} as const;

export const BACKGROUND = "#FFFFFF";
export const INK = "#1F2328";
export const MUTED = "#59636E";
export const GRID_LINE = "#D8DEE4";

/** The font every chart names; png.ts hands resvg its files (no system fonts). */
export const FONT_FAMILY = "Inter";

/** Memory segments of the fit chart, in stacking order. */
export const SEGMENT_COLOURS = {
	weights: OKABE_ITO.blue,
	overhead: OKABE_ITO.orange,
	kv: OKABE_ITO.reddishPurple,
	free: "#E6EAEF",
} as const;

/** The engine's capacity line. */
export const CAPACITY_COLOUR = INK;

export type ChartVerdict = "fits" | "tight" | "no-fit";

/** Each verdict's colour, marker shape and word (the word is what a screen reader and a colour-blind reader get). */
export const VERDICT_STYLE: Record<ChartVerdict, { colour: string; symbol: string; word: string }> = {
	fits: { colour: OKABE_ITO.blue, symbol: "circle", word: "fits" },
	tight: { colour: OKABE_ITO.orange, symbol: "triangle", word: "tight" },
	// A cross (an X) drawn as a path.
	"no-fit": {
		colour: OKABE_ITO.vermillion,
		symbol: "path://M2 0L5 3L8 0L10 2L7 5L10 8L8 10L5 7L2 10L0 8L3 5L0 2Z",
		word: "does not fit",
	},
};

/** Series colours and marker shapes for any number of series (e.g. providers), cycling together. */
export const SERIES_COLOURS = [
	OKABE_ITO.blue,
	OKABE_ITO.orange,
	OKABE_ITO.bluishGreen,
	OKABE_ITO.vermillion,
	OKABE_ITO.reddishPurple,
	OKABE_ITO.skyBlue,
	OKABE_ITO.black,
] as const;
export const SERIES_SYMBOLS = ["circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow"] as const;
