// A curve chart as a standalone SVG figure: uPlot draws on a canvas and has no SVG renderer, so the export writes
// the shown series itself (lines, seed bands, axes with ticks, a legend), light and at a paper's size. The PNG
// export rasterises this same SVG, so both files show the same figure whatever the page's theme or width.

const margin = { left: 72, right: 16, top: 16, bottom: 52 };
const legendWidth = 230;
const dashArrays = { solid: "", dot: "2,4", dash: "8,4", dashdot: "8,4,2,4" };

/** The SVG text of series (as CurveChart sends them) under spec's axes, width × height px. */
export function chartSvg(series, spec, width, height) {
    const legendEntries = entriesOf(series);
    const plot = { left: margin.left, top: margin.top, width: width - margin.left - margin.right - (legendEntries.length ? legendWidth : 0),
                   height: height - margin.top - margin.bottom };
    const x = scaleOf(series.flatMap(s => s.x), false, null, null);
    const y = scaleOf(series.flatMap(s => [...s.y, ...(s.upper ?? []), ...(s.lower ?? [])]), spec.logY, spec.yMin, spec.yMax);
    const px = v => plot.left + (x.map(v) - x.map(x.min)) / (x.map(x.max) - x.map(x.min) || 1) * plot.width;
    const py = v => plot.top + plot.height - (y.map(v) - y.map(y.min)) / (y.map(y.max) - y.map(y.min) || 1) * plot.height;
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
        `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
        `<defs><clipPath id="plot"><rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}"/></clipPath></defs>`,
    ];
    for (const tick of ticks(x))
        parts.push(`<line x1="${px(tick)}" x2="${px(tick)}" y1="${plot.top}" y2="${plot.top + plot.height}" stroke="#e5e5e5"/>`,
            `<text x="${px(tick)}" y="${plot.top + plot.height + 16}" text-anchor="middle" fill="#444">${escape(label(tick))}</text>`);
    for (const tick of ticks(y))
        parts.push(`<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${py(tick)}" y2="${py(tick)}" stroke="#e5e5e5"/>`,
            `<text x="${plot.left - 6}" y="${py(tick) + 4}" text-anchor="end" fill="#444">${escape(label(tick))}</text>`);
    parts.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#888"/>`,
        `<text x="${plot.left + plot.width / 2}" y="${height - 12}" text-anchor="middle" fill="#222">${escape(spec.xTitle)}</text>`,
        `<text transform="translate(16 ${plot.top + plot.height / 2}) rotate(-90)" text-anchor="middle" fill="#222">${escape(spec.yTitle)}</text>`,
        `<g clip-path="url(#plot)" fill="none">`);
    for (const s of series) {
        if (s.lower)
            parts.push(band(s, px, py));
        for (const segment of segments(s.x, s.y, y))
            parts.push(`<polyline points="${segment.map(([a, b]) => `${round(px(a))},${round(py(b))}`).join(" ")}" stroke="${s.color}"`
                + ` stroke-width="${s.width}" stroke-opacity="${s.alpha}"${dashArrays[s.dash] ? ` stroke-dasharray="${dashArrays[s.dash]}"` : ""}/>`);
    }
    parts.push("</g>", ...legendSvg(legendEntries, plot.left + plot.width + 12, plot.top, plot.height), "</svg>");
    return parts.join("\n");
}

export function downloadSvg(svg, fileName) {
    download(new Blob([svg], { type: "image/svg+xml" }), fileName);
}

/** The same figure as PNG: the SVG drawn onto a canvas by the browser. */
export function downloadPng(svg, width, height, fileName) {
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => {
            const canvas = document.createElement("canvas");
            canvas.width = width;
            canvas.height = height;
            canvas.getContext("2d").drawImage(image, 0, 0);
            canvas.toBlob(blob => {
                download(blob, fileName);
                resolve();
            }, "image/png");
        };
        image.onerror = () => reject(new Error("the chart's SVG could not be drawn as PNG"));
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    });
}

function download(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The axis' extent over the finite (and on a log axis, positive) values, or the reader's fixed range.
function scaleOf(values, log, fixedMin, fixedMax) {
    let min = Infinity, max = -Infinity;
    for (const v of values)
        if (v != null && Number.isFinite(v) && (!log || v > 0)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    if (min === Infinity)
        [min, max] = log ? [1, 10] : [0, 1];
    if (log && fixedMin == null)
        [min, max] = [min / 1.05, max * 1.05];
    return { min: fixedMin ?? min, max: fixedMax ?? max, log, map: log ? Math.log10 : v => v };
}

// About six round ticks: 1, 2, 5 × 10^k on a linear axis; on a log axis the decades, or 1–9 × 10^k within one or two.
function ticks(scale) {
    const { min, max } = scale;
    if (scale.log) {
        const found = [];
        const steps = Math.log10(max / min) > 2 ? [1] : Math.log10(max / min) > 0.7 ? [1, 2, 5] : [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9];
        for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++)
            for (const m of steps) {
                const v = m * 10 ** k;
                if (v >= min && v <= max)
                    found.push(v);
            }
        return found;
    }
    const rough = (max - min) / 6 || 1;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= rough);
    const found = [];
    for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
        found.push(Number(v.toPrecision(12)));
    return found;
}

function label(v) {
    return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : `${Number(v.toPrecision(4))}`;
}

// Runs of consecutive drawable points: a null (or, on a log axis, a value ≤ 0) breaks the line.
function segments(xs, ys, yScale) {
    const found = [];
    let current = [];
    for (let i = 0; i < xs.length; i++) {
        const ok = ys[i] != null && Number.isFinite(ys[i]) && (!yScale.log || ys[i] > 0);
        if (ok)
            current.push([xs[i], ys[i]]);
        if ((!ok || i === xs.length - 1) && current.length) {
            found.push(current);
            current = [];
        }
    }
    return found;
}

// The seed band: the upper edge left to right, then the lower edge back, filled.
function band(s, px, py) {
    const upper = [], lower = [];
    s.x.forEach((x, i) => {
        if (s.upper[i] != null && s.lower[i] != null) {
            upper.push(`${round(px(x))},${round(py(s.upper[i]))}`);
            lower.unshift(`${round(px(x))},${round(py(s.lower[i]))}`);
        }
    });
    return `<polygon points="${[...upper, ...lower].join(" ")}" fill="${s.fill}" stroke="none"/>`;
}

function entriesOf(series) {
    const entries = [];
    for (const s of series)
        if (s.legend && !entries.some(e => e.key === s.legend))
            entries.push({ key: s.legend, color: s.color, dash: s.dash });
    return entries;
}

function legendSvg(entries, left, top, height) {
    const rowHeight = 16;
    const fits = Math.floor(height / rowHeight);
    const shown = entries.length > fits ? entries.slice(0, fits - 1) : entries;
    const parts = shown.map((e, i) => {
        const y = top + i * rowHeight + 8;
        return `<line x1="${left}" x2="${left + 22}" y1="${y}" y2="${y}" stroke="${e.color}" stroke-width="2"${dashArrays[e.dash] ? ` stroke-dasharray="${dashArrays[e.dash]}"` : ""}/>`
            + `<text x="${left + 28}" y="${y + 4}" fill="#222">${escape(e.key)}</text>`;
    });
    if (shown.length < entries.length)
        parts.push(`<text x="${left}" y="${top + shown.length * rowHeight + 12}" fill="#666">… and ${entries.length - shown.length} more</text>`);
    return parts;
}

const round = v => Math.round(v * 10) / 10;

function escape(text) {
    return String(text ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
