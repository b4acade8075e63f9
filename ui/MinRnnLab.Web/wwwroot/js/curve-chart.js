// Loss curves drawn with uPlot (issue 32: 12–18× faster cold than plotly.js on the same curves, 51 KB against 4.7 MB).
// The .NET side (CurveChart.razor) sends each series as its own x/y arrays; here they are aligned on the union of x
// (uPlot.join: a series has no value where only others do, and its line runs on across those), drawn, given a
// legend that toggles them, a tooltip naming the run under the cursor, a click that selects that run, and the
// MudBlazor theme's text and grid colours. Exports (PNG/SVG) are drawn from the same series by curve-chart-svg.js.
import { chartSvg, downloadSvg, downloadPng } from "./curve-chart-svg.js";

const charts = new Map();                                   // element → { u, spec, dotnet, resize, legend, tip }
let uplotLoading = null;

// uPlot and its stylesheet load with the first curve chart, not with every page.
function loadUplot(scriptUrl, cssUrl) {
    if (window.uPlot)
        return Promise.resolve();
    uplotLoading ??= new Promise((resolve, reject) => {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = cssUrl;
        document.head.appendChild(css);
        const script = document.createElement("script");
        script.src = scriptUrl;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`uPlot did not load from ${scriptUrl}`));
        document.head.appendChild(script);
    });
    return uplotLoading;
}

// The page's theme as MudBlazor sets it (its CSS variables follow light and dark mode).
function themeColors() {
    const style = getComputedStyle(document.documentElement);
    const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return { text: read("--mud-palette-text-primary", "#444"), grid: read("--mud-palette-lines-default", "#e0e0e0") };
}

const dashes = { solid: null, dot: [2, 4], dash: [8, 4], dashdot: [8, 4, 2, 4] };

/** Draws (or redraws) the chart in element from spec; dotnet hears runClicked(runId) and drawn(). */
export async function draw(element, spec, dotnet) {
    await loadUplot(spec.uplotScript, spec.uplotCss);
    const previous = charts.get(element);
    if (previous) {
        previous.u.destroy();
        previous.resize.disconnect();
    }
    const { data, columns } = align(spec.series);
    const state = { spec, dotnet, columns, data, selected: spec.selected ?? null, hoveredRun: null, hidden: previous?.hidden ?? new Set() };
    const host = element.querySelector(".curve-chart-plot") ?? element;
    host.replaceChildren();
    state.u = new window.uPlot(options(state, Math.max(element.clientWidth, 200)), data, host);
    state.tip = tooltip(state.u);
    state.legend = legend(element, state);
    applyVisibility(state);
    state.resize = new ResizeObserver(() => state.u.setSize({ width: Math.max(element.clientWidth, 200), height: spec.height }));
    state.resize.observe(element);
    charts.set(element, state);
    element.describeChart = () => describe(element);
    element.pointOnScreen = (run, fraction) => pointOnScreen(state, run, fraction);
    // One frame after uPlot returned, the canvas is on screen: the mark the UI benchmark and tests wait on.
    requestAnimationFrame(() => {
        element.dataset.drawn = "yes";
        dotnet?.invokeMethodAsync("OnDrawn").catch(() => { });
    });
}

/** Draws the run's curves thick (or none with null), without rebuilding the chart. */
export function select(element, runId) {
    const state = charts.get(element);
    if (!state)
        return;
    state.selected = runId ?? null;
    state.columns.forEach((column, i) => {
        if (column.role === "line")
            state.u.series[i + 1].width = widthOf(state, column);
    });
    state.u.redraw(true);
    element.dataset.selected = state.selected ?? "";
}

export function dispose(element) {
    const state = charts.get(element);
    if (!state)
        return;
    state.u.destroy();
    state.resize.disconnect();
    charts.delete(element);
}

/** Saves the chart with this element id as PNG or SVG; false when no curve chart is drawn there. */
export async function saveImage(elementId, format, fileName, width, height) {
    const element = document.getElementById(elementId);
    const state = element && charts.get(element);
    if (!state)
        return false;
    const svg = chartSvg(drawnSeries(state), state.spec, width, height);
    if (format === "svg")
        downloadSvg(svg, `${fileName}.svg`);
    else
        await downloadPng(svg, width, height, `${fileName}.png`);
    return true;
}

/** What is drawn, for tests and tools: read from the chart's own state, not from pixels. */
export function describe(element) {
    const state = charts.get(element);
    if (!state)
        return null;
    const u = state.u;
    const lines = state.columns.map((c, i) => ({ c, s: u.series[i + 1] })).filter(p => p.c.role === "line");
    return {
        series: lines.map(({ c, s }) => ({
            name: c.series.name, legend: c.series.legend, run: runId(state, c), shown: s.show, color: c.series.color,
            dash: c.series.dash, width: s.width, alpha: c.series.alpha, points: c.series.x.length, band: !!c.series.lower,
        })),
        bands: (u.bands ?? []).length,
        logY: u.scales.y.distr === 3,
        xTitle: u.axes[0].label, yTitle: u.axes[1].label, yLabel: state.spec.yLabel ?? null,
        xRange: [u.scales.x.min, u.scales.x.max],
        yRange: [u.scales.y.min, u.scales.y.max],
        yTicks: u.axes[1]._values ?? [],                      // the labels last drawn on the y axis
        theme: state.drawnTheme ?? null,
        selected: state.selected,
        legendEntries: state.legend.querySelectorAll("[data-legend-key]").length,
        width: u.over.clientWidth,
    };
}

// Where on screen a run's first shown full-strength line passes, at this fraction of its points: lets a test hover
// and click a curve by what it draws, not by guessing pixels.
function pointOnScreen(state, run, fraction) {
    const u = state.u;
    const index = state.columns.findIndex((c, i) => c.role === "line" && runId(state, c) === run && c.series.alpha >= 0.5 && u.series[i + 1].show);
    if (index < 0)
        return null;
    const s = state.columns[index].series;
    const at = Math.min(s.x.length - 1, Math.floor(s.x.length * fraction));
    const box = u.over.getBoundingClientRect();
    return [box.left + u.valToPos(s.x[at], "x"), box.top + u.valToPos(s.y[at], "y")];
}

// One uPlot column per line (and two per band: its upper and lower edge), on the union of every series' x.
function align(series) {
    const tables = series.map(s => s.lower ? [s.x, s.y, s.upper, s.lower] : [s.x, s.y]);
    const columns = [];
    series.forEach(s => {
        columns.push({ role: "line", series: s });
        if (s.lower)
            columns.push({ role: "upper", series: s }, { role: "lower", series: s });
    });
    if (tables.length === 0)
        return { data: [[]], columns };
    return { data: window.uPlot.join(tables), columns };
}

function options(state, width) {
    const { spec, columns } = state;
    // Read at every draw, and kept: describe() reports the colours the axes were last drawn in.
    const text = () => (state.drawnTheme = themeColors()).text;
    const grid = () => themeColors().grid;
    const axis = label => ({ label, stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
    const bands = [];
    columns.forEach((column, i) => {
        if (column.role === "upper")
            bands.push({ series: [i + 1, i + 2], fill: column.series.fill });
    });
    return {
        width, height: spec.height,
        legend: { show: false },                             // ours folds away and toggles whole legend entries
        // Panels sharing a sync key show one cursor at the same x in all of them.
        cursor: { drag: { x: true, y: false }, points: { show: false }, ...(spec.syncKey ? { sync: { key: spec.syncKey } } : {}) },
        scales: {
            x: spec.xMin != null && spec.xMax != null && spec.xMax > spec.xMin
                ? { time: false, range: (u, min, max) => u.status === 1 && zoomed(u, min, max) ? [min, max] : [spec.xMin, spec.xMax] }
                : { time: false },
            y: spec.logY ? { distr: 3, log: 10, range: (u, min, max) => yRange(spec, min, max, true) }
                         : { range: (u, min, max) => yRange(spec, min, max, false) },
        },
        // On a phone every pixel of width is plot: a narrower y axis, and little room right of the last tick.
        axes: [axis(spec.xTitle), { ...axis(spec.yTitle), size: width < 500 ? 50 : 60, values: (u, ticks) => ticks.map(yTick) }],
        // (Panels, narrow anyway, keep room for their last x label.)
        padding: [12, width < 500 && !spec.syncKey ? 8 : 16, 0, 0],
        series: [{}, ...columns.map(column => seriesOptions(state, column))],
        bands,
        hooks: { setCursor: [u => hover(state, u)] },
    };
}

function seriesOptions(state, column) {
    const s = column.series;
    if (column.role !== "line")
        return { label: `${s.name} ${column.role}`, stroke: "transparent", width: 0, points: { show: false }, spanGaps: false };
    return {
        label: s.name, stroke: s.color, width: widthOf(state, column), dash: dashes[s.dash] ?? null, alpha: s.alpha,
        points: { show: false }, spanGaps: false,
    };
}

function widthOf(state, column) {
    const s = column.series;
    return state.selected !== null && runId(state, column) === state.selected ? Math.max(4, s.width * 2.5) : s.width;
}

function runId(state, column) {
    const index = column.series.run;
    return index >= 0 ? state.spec.runs[index].id : null;
}

// A drag-zoom asks for a range inside the data's; the panels' shared range applies to every other redraw.
function zoomed(u, min, max) {
    const xs = u.data[0];
    return xs.length > 0 && (min > xs[0] || max < xs[xs.length - 1]);
}

// A log axis starts a little under the lowest loss, not at the decade below: curves between 1.5 and 4 fill the plot.
function yRange(spec, min, max, log) {
    if (spec.yMin != null && spec.yMax != null)
        return [spec.yMin, spec.yMax];
    if (min == null || max == null)
        return log ? [1, 10] : [0, 1];
    const [low, high] = log ? [min / 1.05, max * 1.05] : [min - (max - min) * 0.05, max + (max - min) * 0.05 || max + 1];
    return [spec.yMin ?? low, spec.yMax ?? high];
}

// The legend: one entry per legend key (a run's val curve and its faint raw self are one entry), grouped under
// headers (the architecture); clicking an entry or a header shows or hides its curves. It folds away.
function legend(element, state) {
    const host = element.querySelector(".curve-chart-legend") ?? element;
    host.replaceChildren();
    const details = document.createElement("details");
    details.className = "curve-legend";
    details.open = state.spec.legendOpen ?? true;
    const entries = [];
    for (const s of state.spec.series)
        if (s.legend && !entries.some(e => e.key === s.legend))
            entries.push({ key: s.legend, group: s.group, color: s.color, dash: s.dash });
    const summary = document.createElement("summary");
    summary.textContent = `Legend (${entries.length})`;
    details.appendChild(summary);
    const list = document.createElement("div");
    list.className = "curve-legend-entries";
    let group;
    for (const entry of entries) {
        if (entry.group && entry.group !== group) {
            group = entry.group;
            list.appendChild(legendButton("curve-legend-group", group, null, "data-legend-group", group, () => toggleGroup(state, entry.group)));
        }
        list.appendChild(legendButton("curve-legend-entry", entry.key, entry, "data-legend-key", entry.key, () => toggle(state, [entry.key])));
    }
    details.appendChild(list);
    host.appendChild(details);
    return details;
}

function legendButton(className, text, entry, attribute, value, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.setAttribute(attribute, value);
    if (entry) {
        const swatch = document.createElement("span");
        swatch.className = "curve-legend-swatch";
        swatch.style.borderTop = `3px ${entry.dash === "solid" ? "solid" : "dotted"} ${entry.color}`;
        button.appendChild(swatch);
    }
    button.appendChild(document.createTextNode(text));
    button.addEventListener("click", onClick);
    return button;
}

function toggleGroup(state, group) {
    const keys = [...new Set(state.spec.series.filter(s => s.group === group && s.legend).map(s => s.legend))];
    const allHidden = keys.every(k => state.hidden.has(k));
    keys.forEach(k => allHidden ? state.hidden.delete(k) : state.hidden.add(k));
    applyVisibility(state);
}

function toggle(state, keys) {
    keys.forEach(k => state.hidden.has(k) ? state.hidden.delete(k) : state.hidden.add(k));
    applyVisibility(state);
}

// Hidden entries stay hidden across live redraws (state.hidden outlives the uPlot instance).
function applyVisibility(state) {
    const u = state.u;
    u.batch(() => state.columns.forEach((column, i) => {
        const show = !state.hidden.has(column.series.legend ?? "");
        if (u.series[i + 1].show !== show)
            u.setSeries(i + 1, { show });
    }));
    state.legend.querySelectorAll("[data-legend-key]").forEach(button =>
        button.classList.toggle("hidden", state.hidden.has(button.getAttribute("data-legend-key"))));
}

function drawnSeries(state) {
    return state.spec.series.filter(s => !state.hidden.has(s.legend ?? ""));
}

// The tooltip: the line nearest the cursor (within 30 px), its run, x and y; a click selects that run.
function tooltip(u) {
    const tip = document.createElement("div");
    tip.className = "curve-tooltip";
    tip.style.display = "none";
    u.over.appendChild(tip);
    let down = null;
    u.over.addEventListener("mousedown", e => down = [e.clientX, e.clientY]);
    u.over.addEventListener("click", e => {
        const moved = down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) > 3;   // a drag zooms, it does not select
        const state = [...charts.values()].find(s => s.u === u);
        if (!moved && state?.hoveredRun)
            state.dotnet?.invokeMethodAsync("OnRunClicked", state.hoveredRun).catch(() => { });
    });
    return tip;
}

function hover(state, u) {
    const { left, top, idx } = u.cursor;
    if (idx == null || left < 0) {
        state.tip.style.display = "none";
        state.hoveredRun = null;
        return;
    }
    const nearest = nearestLine(state, u, idx, top);
    if (!nearest) {
        state.tip.style.display = "none";
        state.hoveredRun = null;
        return;
    }
    const { column, at } = nearest;
    const s = column.series;
    const run = s.run >= 0 ? state.spec.runs[s.run] : null;
    state.hoveredRun = run?.id ?? null;
    const x = u.data[0][at], y = u.data[nearest.index][at];
    const lines = [s.name, run?.label, `${state.spec.xTitle} ${formatX(x)}`, `${state.spec.yLabel ?? "loss"} ${y.toFixed(4)}`];
    const note = s.notes?.[s.x.indexOf(x)];
    if (note)
        lines.push(note);
    if (run)
        lines.push("click: select");
    state.tip.replaceChildren(...lines.filter(Boolean).map(text => Object.assign(document.createElement("div"), { textContent: text })));
    state.tip.style.display = "block";
    state.tip.style.borderColor = s.color;
    const flip = left > u.over.clientWidth / 2;
    state.tip.style.left = flip ? "" : `${left + 12}px`;
    state.tip.style.right = flip ? `${u.over.clientWidth - left + 12}px` : "";
    state.tip.style.top = `${Math.max(0, top - 10)}px`;
}

// Where a series has no value at the cursor's x (a val curve between evaluations), its nearest value either side counts.
function nearestLine(state, u, idx, top) {
    let best = null;
    state.columns.forEach((column, i) => {
        const index = i + 1;
        if (column.role !== "line" || !u.series[index].show || column.series.alpha < 0.5)
            return;
        const ys = u.data[index];
        for (let d = 0; d < 40; d++) {
            for (const at of d === 0 ? [idx] : [idx - d, idx + d]) {
                const y = ys[at];
                if (y == null)
                    continue;
                const distance = Math.abs(u.valToPos(y, "y") - top) + Math.abs(u.valToPos(u.data[0][at], "x") - u.cursor.left);
                if (distance < 30 && (!best || distance < best.distance))
                    best = { column, index, at, distance };
                d = 40;
                break;
            }
        }
    });
    return best;
}

// uPlot's own tick labels keep three decimals, so a learning rate's ticks at 5e-4 and 1e-4 read "0.001" and "0".
function yTick(y) {
    if (y == null)
        return "";
    const size = Math.abs(y);
    return size !== 0 && (size < 1e-2 || size >= 1e5) ? y.toExponential().replace("e+", "e") : window.uPlot.fmtNum(y);
}

function formatX(x) {
    return Math.abs(x) >= 1e5 ? x.toExponential(3) : Number.isInteger(x) ? `${x}` : x.toFixed(1);
}

// A theme switch: MainLayout.razor.js toggles the html class, and MudThemeProvider rewrites its <style> with the new
// palette variables on its next render. Either change redraws every chart whose axis colours no longer match.
let lastTheme = null;
function redrawOnThemeChange() {
    const theme = JSON.stringify(themeColors());
    if (theme === lastTheme)
        return;
    lastTheme = theme;
    charts.forEach(state => state.u.redraw(false, true));
}
const isStyle = node => node?.nodeName === "STYLE" || node?.parentNode?.nodeName === "STYLE";
new MutationObserver(records => {
    if (records.some(r => r.type === "attributes" || isStyle(r.target) || [...r.addedNodes].some(isStyle)))
        redrawOnThemeChange();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["class"], subtree: true, childList: true, characterData: true });
