/* Kernel-free explorers: the page-side half of energylib/explorers/web.py.
 *
 * Each <div class="web-explorer"> holds its declaration as JSON: the controls, the
 * outputs, the plots, and `compute`, the JavaScript that SymPy's code printer wrote
 * from the model.  This file builds the controls, runs `compute` on every change,
 * writes the headline numbers and redraws the charts with uPlot (vendored).
 *
 * The compute part (compile, evaluate, format) has no DOM and is exported for Node,
 * where the tests evaluate every explorer at its slider extremes.
 */
(function () {
  "use strict";

  function compile(spec) {
    /* eslint-disable-next-line no-new-func */
    const fn = new Function("p", "wx_stats", spec.compute);
    return (p) => fn(p, stats);
  }

  function sliderValue(param, position) {
    // position: the <input type=range> value (an exponent for log sliders).
    const v = param.log ? Math.pow(param.base || 10, position) : position;
    return param.integer ? Math.round(v) : v;
  }

  /* The model's inputs (SI units) from the controls' values (their own units). */
  function modelInputs(spec, values) {
    const p = {};
    for (const param of spec.params) {
      const v = values[param.name];
      if (param.kind === "slider") {
        p[param.name] = v * param.to_si;
      } else {
        const index = param.options.indexOf(JSON.stringify(v));
        if (index < 0) throw new Error("explorer " + spec.id + ": " + param.name +
                                       " has no option " + JSON.stringify(v));
        Object.assign(p, param.values[index]);
      }
    }
    return p;
  }

  function defaults(spec) {
    const values = {};
    for (const param of spec.params) {
      values[param.name] = param.kind === "slider" ? param.value : JSON.parse(param.value);
    }
    return values;
  }

  function evaluate(spec, values, fn) {
    return (fn || compile(spec))(modelInputs(spec, values));
  }

  /* A number as Python's format(v, spec) would show it, for ".Nf", ".Ng", ",.Ng". */
  function pyFormat(v, fmt) {
    if (!Number.isFinite(v)) return v > 0 ? "∞" : (v < 0 ? "−∞" : "—");
    const m = /^(,?)\.(\d+)([fg])$/.exec(fmt || ".3g");
    if (!m) return String(v);
    const digits = Number(m[2]);
    let s;
    if (m[3] === "f") {
      s = v.toFixed(digits);
    } else {
      const p = Math.max(digits, 1);
      const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(v.toPrecision(p)))));
      if (exp < -4 || exp >= p) {
        let [mant, e] = v.toExponential(p - 1).split("e");
        if (mant.indexOf(".") >= 0) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
        const n = Number(e);
        s = mant + "e" + (n < 0 ? "-" : "+") + String(Math.abs(n)).padStart(2, "0");
      } else {
        s = v.toFixed(Math.max(p - 1 - exp, 0));
        if (s.indexOf(".") >= 0) s = s.replace(/0+$/, "").replace(/\.$/, "");
      }
    }
    if (m[1] === ",") {
      const parts = s.split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      s = parts.join(".");
    }
    return s.replace(/^-/, "−");
  }

  const SUPERSCRIPT = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                       "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

  /* A number for a reader: `digits` significant figures, thousands separated between
   * 0.001 and 10 million, otherwise as m × 10ⁿ. */
  function niceNumber(v, digits) {
    if (!Number.isFinite(v)) return v > 0 ? "∞" : (v < 0 ? "−∞" : "—");
    if (v === 0) return "0";
    const a = Math.abs(Number(v.toPrecision(digits)));
    if (a >= 1e-3 && a < 1e7) {
      const r = Number(v.toPrecision(digits));
      const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
      let s = pyFormat(r, "," + "." + decimals + "f");
      if (s.indexOf(".") >= 0) s = s.replace(/0+$/, "").replace(/\.$/, "");
      return s;
    }
    const [mant, e] = v.toExponential(digits - 1).split("e");
    const m = mant.indexOf(".") >= 0 ? mant.replace(/0+$/, "").replace(/\.$/, "") : mant;
    const exp = String(Number(e)).split("").map((c) => SUPERSCRIPT[c]).join("");
    return m.replace(/^-/, "−") + " × 10" + exp;
  }

  const DAY = 86400, YEAR = 365.25 * DAY;

  function formatOutput(output, si) {
    if (output.fmt === "text") return output.texts[si] === undefined ? "—" : output.texts[si];
    if (output.fmt === "duration") {
      if (si === Infinity) return "never";
      if (si < 90 * DAY) return pyFormat(si / DAY, ".1f") + " days";
      if (si < 2 * YEAR) return pyFormat(si / (YEAR / 12), ".1f") + " months";
      return pyFormat(si / YEAR, ",.1f") + " years";
    }
    const v = si / output.scale;
    let s;
    switch (output.fmt) {
      case "g2": s = niceNumber(v, 2); break;
      case "g4": s = niceNumber(v, 4); break;
      case "int": s = Number.isFinite(v) ? pyFormat(v, ",.0f") : niceNumber(v, 3); break;
      case "percent": s = Number.isFinite(v) ? pyFormat(100 * v, ".1f") + " %" : niceNumber(v, 3); break;
      case "times": s = niceNumber(v, 3) + (Number.isFinite(v) ? "×" : ""); break;
      case "year": s = Number.isFinite(v) ? pyFormat(v, ".0f") : niceNumber(v, 3); break;
      default: s = niceNumber(v, 3);
    }
    return output.unit && Number.isFinite(v) ? s + " " + output.unit : s;
  }

  /* Statistics of a Samples array (web.py's Statistic), computed as numpy computes them;
   * the compiled model calls them as wx_stats.quantile / .mean / .histogram. */

  /* np.quantile(values, q, method): "linear" (numpy's default) or "inverted_cdf". */
  function quantile(values, q, method) {
    const n = values.length;
    const s = Float64Array.from(values).sort();  // numeric order, NaN last
    if (n === 0 || Number.isNaN(s[n - 1])) return NaN;  // numpy: a NaN gives NaN
    if (method === "inverted_cdf") {
      const index = n * q - 1;
      const previous = Math.floor(index);
      return s[Math.max(index - previous === 0 ? previous : previous + 1, 0)];
    }
    if (method !== "linear") throw new Error("unknown quantile method " + method);
    const virtual = (n - 1) * q;
    let previous = Math.floor(virtual), next = previous + 1;
    if (virtual >= n - 1) { previous = -1; next = -1; }  // numpy's "last value" index
    if (virtual < 0) { previous = 0; next = 0; }
    const gamma = virtual - previous;
    const a = s[previous < 0 ? n - 1 : previous], b = s[next < 0 ? n - 1 : next];
    const diff = b - a;  // numpy's _lerp
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }

  /* numpy's pairwise summation of float64 (add.reduce), so that means agree exactly. */
  function pairwiseSum(a, lo, n) {
    if (n < 8) {
      let res = -0.0;
      for (let i = 0; i < n; i++) res += a[lo + i];
      return res;
    }
    if (n <= 128) {
      const r = [];
      for (let k = 0; k < 8; k++) r.push(a[lo + k]);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k] += a[lo + i + k];
      let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[lo + i];
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
  }

  function mean(values) {
    return pairwiseSum(values, 0, values.length) / values.length;
  }

  /* np.histogram(values, bins=edges)[0]: [e_k, e_k+1), the last bin closed; values outside
   * the edges and NaN are left out.  share: counts divided by the number of values. */
  function histogram(values, edges, share) {
    const m = edges.length - 1, counts = new Float64Array(m);
    for (const v of values) {
      if (!(v >= edges[0] && v <= edges[m])) continue;
      let a = 0, b = m;  // edges[a] <= v < edges[b] (or v is the last edge)
      while (b - a > 1) {
        const c = (a + b) >> 1;
        if (v >= edges[c]) a = c; else b = c;
      }
      counts[a] += 1;
    }
    if (share) for (let k = 0; k < m; k++) counts[k] /= values.length;
    return counts;
  }

  const stats = { quantile, mean, histogram };

  const api = { compile, evaluate, defaults, modelInputs, sliderValue, pyFormat, niceNumber,
                formatOutput, stats };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---------------------------------------------------------------- the page */

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  function rgba(color, alpha) {
    if (alpha >= 1 || !/^#[0-9a-fA-F]{6}$/.test(color)) return color;
    const n = parseInt(color.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  function finiteOrNull(v) {
    return Number.isFinite(v) ? v : null;
  }

  function axisLabel(v) {
    if (v === null || v === undefined) return "";
    const e = Math.log10(Math.abs(v));
    if (v !== 0 && Math.abs(e - Math.round(e)) < 1e-9 && (e >= 5 || e <= -3)) {
      return (v < 0 ? "−" : "") + "10" + String(Math.round(e)).split("").map((c) => SUPERSCRIPT[c]).join("");
    }
    return niceNumber(v, 3);
  }

  function decadeSplits(u, axisIdx, min, max) {
    const splits = [];
    for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) {
      splits.push(Math.pow(10, e));
    }
    const every = Math.ceil(splits.length / 8);  // at most about eight labels
    return splits.filter((_, k) => k % every === 0);
  }

  class PageExplorer {
    constructor(root, spec) {
      this.root = root;
      this.spec = spec;
      this.fn = compile(spec);
      this.values = defaults(spec);
      this.latencies = [];
      this.readouts = {};
      this.inputs = {};
      this.outputNodes = {};
      this.charts = [];
      this.build();
      this.restore();
      this.update();
      this.started = true;
      // Back/forward or an edited address on the same page: follow the fragment.
      window.addEventListener("hashchange", () => { this.restore(); this.update(); });
    }

    build() {
      const spec = this.spec;
      const controls = el("div", { class: "wx-controls" });
      for (const param of spec.params) {
        const row = el("div", { class: "wx-row", "data-param": param.name });
        const id = "wx-" + spec.id + "-" + param.name;
        row.appendChild(el("label", { class: "wx-label", for: id, text: param.label }));
        if (param.kind === "slider") {
          const start = !param.log ? param.value
            : ((param.base || 10) === 10 ? Math.log10(param.value)
                                         : Math.log(param.value) / Math.log(param.base));
          const input = el("input", { type: "range", id: id, min: param.min, max: param.max,
                                      step: param.step, value: start });
          input.value = String(start);
          const readout = el("output", { class: "wx-readout", for: id, "aria-hidden": "true" });
          input.addEventListener("input", () => {
            this.values[param.name] = sliderValue(param, Number(input.value));
            this.update();
          });
          row.appendChild(input);
          row.appendChild(readout);
          this.readouts[param.name] = readout;
          this.inputs[param.name] = input;
        } else if (param.widget === "checkbox") {
          const input = el("input", { type: "checkbox", id: id });
          this.inputs[param.name] = input;
          input.checked = JSON.parse(param.value) === true;
          input.addEventListener("change", () => {
            this.values[param.name] = input.checked;
            this.update();
          });
          row.appendChild(input);
        } else {
          const select = el("select", { id: id });
          this.inputs[param.name] = select;
          param.options.forEach((option, k) => {
            const node = el("option", { value: option, text: param.option_labels[k] });
            if (option === param.value) node.selected = true;
            select.appendChild(node);
          });
          select.addEventListener("change", () => {
            this.values[param.name] = JSON.parse(select.value);
            // A Choice's presets move sliders (e.g. a deployment's medians).
            this.setChoice(param, param.options.indexOf(select.value));
            this.update();
          });
          row.appendChild(select);
        }
        controls.appendChild(row);
      }
      // The headline is read by sight; screen readers hear the whole state from the
      // status below (inputs, results and what each chart shows), once the reader pauses.
      const headline = el("div", { class: "wx-headline" });
      for (const output of spec.outputs) {
        const value = el("b", { class: "wx-value" });
        const item = el("span", { class: "wx-output", "data-output": output.name },
                        [el("span", { class: "wx-output-label", text: output.label + ": " }),
                         value]);
        headline.appendChild(item);
        this.outputNodes[output.name] = { item, value };
      }
      const plots = el("div", { class: "wx-plots" });
      this.urlNote = el("p", { class: "wx-url-note", role: "status", hidden: "" });
      this.root.appendChild(this.urlNote);
      this.root.appendChild(controls);
      this.root.appendChild(headline);
      this.root.appendChild(plots);
      if (spec.note) this.root.appendChild(el("p", { class: "wx-note", text: spec.note }));
      spec.plots.forEach((plot, k) => this.charts.push(this.makeChart(plot, plots, k)));
      this.root.appendChild(this.makeTools());
      // The whole state as text: visible on demand, announced (politely) as it changes.
      this.summary = el("p", { class: "wx-summary-text", id: "wx-" + spec.id + "-summary" });
      const details = el("details", { class: "wx-text" },
        [el("summary", { text: "Explorer as text" }), this.summary]);
      this.root.appendChild(details);
      this.live = el("p", { class: "wx-live visually-hidden", "aria-live": "polite",
                            "aria-atomic": "true" });
      this.root.appendChild(this.live);
    }

    makeTools() {
      const tools = el("div", { class: "wx-tools" });
      const copy = el("button", { type: "button", class: "wx-button wx-copy-link",
                                  text: "Copy link to this scenario" });
      this.copyStatus = el("span", { class: "wx-copy-status", role: "status" });
      copy.addEventListener("click", () => this.copyLink());
      tools.appendChild(copy);
      tools.appendChild(this.copyStatus);
      return tools;
    }

    copyLink() {
      this.writeUrl();
      const url = window.location.href;
      const shown = () => {
        // No clipboard (permissions, plain http): show the link, selected, to copy by hand.
        let box = this.root.querySelector(".wx-link-box");
        if (!box) {
          box = el("input", { type: "text", class: "wx-link-box", readonly: "",
                              "aria-label": "Link to this scenario" });
          this.copyStatus.after(box);
        }
        box.value = url;
        box.select();
        this.copyStatus.textContent = "Copy this link:";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(
          () => { this.copyStatus.textContent = "Link copied."; }, shown);
      } else {
        shown();
      }
    }

    makeChart(plot, parent, index) {
      const box = el("div", { class: "wx-plot" });
      parent.appendChild(box);
      const chartIndex = index;
      const width = Math.max(320, Math.min(parent.clientWidth || 640, 760));
      const self = this;
      const chart = { plot, data: null, extras: null };
      const bars = plot.bars.length > 0;
      const series = [{ label: plot.x_label }];
      const bands = [];
      // Bands first (drawn under the curves): two invisible edges each, filled between.
      for (const b of plot.bands) {
        const upper = series.length;
        series.push({ label: b.label, stroke: "transparent", width: 0, points: { show: false },
                      spanGaps: false });
        series.push({ label: b.label, stroke: "transparent", width: 0, points: { show: false },
                      spanGaps: false });
        bands.push({ series: [upper, upper + 1], fill: b.color });
      }
      for (const c of plot.curves) {
        series.push({
          label: c.label, stroke: rgba(c.color, c.alpha), width: c.width,
          dash: c.dash ? [6, 4] : undefined, points: { show: false }, spanGaps: false,
          paths: c.steps ? uPlot.paths.stepped({ align: 1 }) : undefined,
          fill: c.fill ? rgba(c.color, c.alpha) : undefined,
          show: true,
        });
      }
      if (bars) series.push({ label: plot.y_label, stroke: "transparent", points: { show: false } });
      const xs = bars ? plot.bars.map((_, k) => k) : null;
      const grid = { stroke: "#e4e4e4", width: 1 };
      const axis = (label, log) => {
        const a = { label: label, grid: grid, ticks: { stroke: "#bbb", width: 1 },
                    values: (u, splits) => splits.map(axisLabel) };
        // Log axes: one tick per decade, every one labelled (uPlot's default crowds them).
        if (log) Object.assign(a, { splits: decadeSplits, filter: (u, splits) => splits, space: 18 });
        return a;
      };
      const xAxis = bars
        ? { label: plot.x_label, grid: { show: false }, splits: () => xs,
            values: (u, splits) => splits.map((k) => (plot.bars[k] || {}).label || "") }
        : axis(plot.x_label, plot.x_log);
      const yAxis = Object.assign(axis(plot.y_label, plot.y_log), { size: 70 });
      const opts = {
        width: width, height: plot.height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: bars ? { time: false, range: [-0.5, plot.bars.length - 0.5] }
                  : { time: false, distr: plot.x_log ? 3 : 1, log: 10, range: plot.x_range },
          y: { distr: plot.y_log ? 3 : 1, log: 10, range: plot.y_range },
        },
        axes: [xAxis, yAxis],
        series: series,
        bands: bands,
        hooks: { draw: [(u) => self.drawExtras(u, chart)] },
      };
      const initial = bars ? [xs, xs.map(() => null)]
                           : [[plot.x_range[0]], ...series.slice(1).map(() => [null])];
      chart.u = new uPlot(opts, initial, box);
      // The canvas is a picture of the chart: its name says what it plots; the explorer's
      // text (below) and its CSV give the numbers.
      chart.u.ctx.canvas.setAttribute("role", "img");
      chart.u.ctx.canvas.setAttribute("aria-label", this.chartName(plot));
      box.appendChild(this.makeKey(plot));
      const downloads = el("div", { class: "wx-downloads" });
      const csv = el("button", { type: "button", class: "wx-button wx-download-csv",
                                 text: "Download data (CSV)" });
      csv.addEventListener("click", () => this.downloadCsv(chartIndex));
      const png = el("button", { type: "button", class: "wx-button wx-download-png",
                                 text: "Download chart (PNG)" });
      png.addEventListener("click", () => this.downloadPng(chartIndex));
      downloads.appendChild(csv);
      downloads.appendChild(png);
      box.appendChild(downloads);
      return chart;
    }

    chartName(plot) {
      const series = plot.bars.length ? plot.bars.map((b) => b.label)
        : [...plot.bands.map((b) => b.label), ...plot.curves.map((c) => c.label)];
      return "Chart of " + plot.y_label + " against " + plot.x_label +
        (series.length ? " (" + series.join(", ") + ")" : "") + ". Its numbers are in " +
        "the explorer's text and its CSV download.";
    }

    /* What chart k plots, as CSV rows (units are in the axis labels, so in the names). */
    chartTable(k) {
      const chart = this.charts[k], plot = chart.plot, result = this.result;
      if (plot.bars.length) {
        const header = ["category", plot.y_label];
        const rows = plot.bars.map((b, j) => [b.label, result.bars[k][j]]);
        return [header, ...rows];
      }
      const curves = result.curves[k];
      const header = [plot.x_label];
      for (const b of plot.bands) {
        header.push(b.label + " (upper): " + plot.y_label, b.label + " (lower): " + plot.y_label);
      }
      for (const c of plot.curves) header.push(c.label + ": " + plot.y_label);
      const rows = [];
      for (let i = 0; i < curves[0].length; i++) rows.push(curves.map((a) => a[i]));
      return [header, ...rows];
    }

    csvText(k) {
      const cell = (v) => {
        if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
        const t = String(v);
        return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
      };
      return this.chartTable(k).map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
    }

    fileName(k, ext) {
      return this.spec.id + (this.charts.length > 1 ? "-chart" + (k + 1) : "") + "." + ext;
    }

    save(blob, name) {
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: name });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    downloadCsv(k) {
      this.save(new Blob([this.csvText(k)], { type: "text/csv" }), this.fileName(k, "csv"));
    }

    downloadPng(k) {
      // The chart's canvas on a white background (the canvas itself is transparent).
      const src = this.charts[k].u.ctx.canvas;
      const out = document.createElement("canvas");
      out.width = src.width;
      out.height = src.height;
      const ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      out.toBlob((blob) => this.save(blob, this.fileName(k, "png")), "image/png");
    }

    makeKey(plot) {
      // The chart's key, in HTML: a swatch per curve, vertical line and marker.
      const key = el("div", { class: "wx-key" });
      const swatch = (color, style) => el("span", { class: "wx-swatch " + style,
                                                    style: "border-color:" + color + ";" +
                                                    (style === "dot" || style === "area" ? "background:" + color : "") });
      for (const b of plot.bands) {
        key.appendChild(el("span", { class: "wx-key-item" },
          [swatch(b.color, "area"), el("span", { text: b.label })]));
      }
      for (const c of plot.curves) {
        if (!c.legend) continue;
        key.appendChild(el("span", { class: "wx-key-item" },
          [swatch(rgba(c.color, c.alpha), c.dash ? "dash" : "line"), el("span", { text: c.label })]));
      }
      for (const v of plot.vlines) {
        key.appendChild(el("span", { class: "wx-key-item" },
          [swatch(v.color, v.dash ? "dash" : "line"), el("span", { text: v.label })]));
      }
      for (const h of plot.hlines || []) {
        key.appendChild(el("span", { class: "wx-key-item" },
          [swatch(h.color, h.dash ? "dash" : "line"), el("span", { text: h.label })]));
      }
      for (const m of plot.markers) {
        key.appendChild(el("span", { class: "wx-key-item" },
          [swatch(m.color, "dot"), el("span", { text: m.label })]));
      }
      return key;
    }

    drawExtras(u, chart) {
      const ctx = u.ctx;
      const plot = chart.plot;
      const extras = chart.extras;
      if (!extras) return;
      const dpr = window.devicePixelRatio || 1;
      const top = u.bbox.top, height = u.bbox.height, left = u.bbox.left, width = u.bbox.width;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
      // Bars start at the axis floor, or at bar_base (drawn as a line) when it is set.
      const base = plot.bar_base == null ? plot.y_range[0] : plot.bar_base;
      const floor = u.valToPos(base, "y", true);
      plot.bars.forEach((bar, k) => {
        const v = extras.bars[k];
        if (!Number.isFinite(v)) return;
        const x0 = u.valToPos(k - 0.3, "x", true), x1 = u.valToPos(k + 0.3, "x", true);
        const y = u.valToPos(Math.max(v, plot.y_range[0]), "y", true);
        ctx.fillStyle = bar.negative_color && v < base ? bar.negative_color : bar.color;
        ctx.fillRect(x0, Math.min(y, floor), x1 - x0, Math.abs(floor - y));
      });
      if (plot.bars.length && plot.bar_base != null) {
        ctx.strokeStyle = "black";
        ctx.lineWidth = dpr;
        ctx.beginPath();
        ctx.moveTo(left, floor);
        ctx.lineTo(left + width, floor);
        ctx.stroke();
      }
      plot.vlines.forEach((line, k) => {
        const v = extras.vlines[k];
        if (!Number.isFinite(v)) return;
        const x = u.valToPos(v, "x", true);
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 1.2 * dpr;
        ctx.setLineDash(line.dash ? [5 * dpr, 4 * dpr] : []);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
      });
      (plot.hlines || []).forEach((line) => {
        const y = u.valToPos(line.y, "y", true);
        if (!Number.isFinite(y)) return;
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 1.2 * dpr;
        ctx.setLineDash(line.dash ? [5 * dpr, 4 * dpr] : []);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
      });
      ctx.setLineDash([]);
      plot.markers.forEach((marker, k) => {
        const [mx, my] = extras.markers[k];
        if (!Number.isFinite(mx) || !Number.isFinite(my)) return;
        ctx.fillStyle = marker.color;
        ctx.beginPath();
        ctx.arc(u.valToPos(mx, "x", true), u.valToPos(my, "y", true), 4.5 * dpr, 0, 2 * Math.PI);
        ctx.fill();
      });
      ctx.font = (11 * dpr) + "px sans-serif";
      // Text starts at (x, y), on its baseline (matplotlib's default), whatever uPlot's
      // axes left in the context (the y axis leaves it right-aligned).
      ctx.textAlign = "left";
      ctx.textBaseline = "alphabetic";
      for (const label of plot.labels) {
        ctx.fillStyle = label.color;
        ctx.fillText(label.text, u.valToPos(label.x, "x", true), u.valToPos(label.y, "y", true));
      }
      ctx.restore();
      if (this.pending !== undefined) {
        this.latencies.push(performance.now() - this.pending);
        this.pending = undefined;
      }
    }

    update() {
      const start = performance.now();
      const result = this.fn(modelInputs(this.spec, this.values));
      this.result = result;
      for (const param of this.spec.params) {
        const readout = this.readouts[param.name];
        if (!readout) continue;
        const v = this.values[param.name];
        const g = /^,?\.(\d+)g$/.exec(param.readout);
        readout.textContent = param.integer ? pyFormat(v, ".0f")
          : (g ? niceNumber(v, Math.max(Number(g[1]), 1)) : pyFormat(v, param.readout));
        readout.setAttribute("data-value", String(v));
        // Log sliders move an exponent: say the value itself.
        this.inputs[param.name].setAttribute("aria-valuetext", readout.textContent);
      }
      this.root.setAttribute("data-values", JSON.stringify(this.values));
      for (const output of this.spec.outputs) {
        const si = result.out[output.name];
        if (Number.isNaN(si)) console.error("explorer " + this.spec.id + ": " + output.name + " is NaN");
        const node = this.outputNodes[output.name];
        node.value.textContent = formatOutput(output, si);
        node.item.setAttribute("data-value", String(si));
      }
      this.pending = start;
      this.charts.forEach((chart, k) => {
        chart.extras = { vlines: result.vlines[k], markers: result.markers[k], bars: result.bars[k] };
        const curves = result.curves[k];
        if (curves) {
          const data = curves.map((a, j) => (j === 0 ? Array.from(a) : Array.from(a, finiteOrNull)));
          chart.u.setData(data, false);
          // setData(data, false) keeps the fixed scales but does not draw (uPlot 1.6): draw.
          chart.u.redraw(false, false);
        } else {
          chart.u.redraw(false, false);
        }
      });
      if (this.charts.length === 0) {
        this.latencies.push(performance.now() - start);
        this.pending = undefined;
      }
      this.describe();
      if (this.started) this.writeUrl();
    }

    /* The whole state in words: settings, results, and each chart's series at its end. */
    describe() {
      const spec = this.spec, result = this.result;
      const settings = spec.params.map((param) => {
        let shown;
        if (param.kind === "slider") shown = this.readouts[param.name].textContent;
        else if (param.widget === "checkbox") shown = this.values[param.name] ? "yes" : "no";
        else shown = param.option_labels[param.options.indexOf(JSON.stringify(this.values[param.name]))];
        return param.label + " " + shown;
      });
      const results = spec.outputs.map((o) => o.label + ": " +
        this.outputNodes[o.name].value.textContent);
      const charts = this.charts.map((chart, k) => {
        const plot = chart.plot;
        if (plot.bars.length) {
          return "Chart of " + plot.y_label + ": " + plot.bars.map((b, j) =>
            b.label + " " + niceNumber(result.bars[k][j], 3)).join(", ") + ".";
        }
        const curves = result.curves[k];
        const xs = curves[0];
        const named = plot.curves.map((c, j) => {
          const ys = curves[1 + 2 * plot.bands.length + j];
          let i = ys.length - 1;
          while (i > 0 && !Number.isFinite(ys[i])) i--;
          return Number.isFinite(ys[i]) ? c.label + " " + niceNumber(ys[i], 3) + " at " +
            niceNumber(xs[i], 3) : c.label + " not defined";
        });
        return "Chart of " + plot.y_label + " against " + plot.x_label +
          (named.length ? ", at its right end: " + named.join("; ") : "") + ".";
      });
      const text = "Settings: " + settings.join("; ") + ". Results: " + results.join("; ") +
        ". " + charts.join(" ");
      this.summary.textContent = text;
      clearTimeout(this.liveTimer);
      // Announced when the reader pauses, not at every step of a slider.
      this.liveTimer = setTimeout(() => { this.live.textContent = text; }, 500);
    }

    /* ---- the scenario in the address: #<id>:name=value&name=value;<other id>:... */

    writeUrl() {
      const parts = this.spec.params.map((param) => {
        const v = this.values[param.name];
        let raw;
        if (param.kind === "slider" || param.widget === "checkbox") raw = String(v);
        else raw = typeof v === "string" ? v : JSON.stringify(v);
        return encodeURIComponent(param.name) + "=" + encodeURIComponent(raw);
      });
      const segments = readFragment().filter((seg) => seg.id !== this.spec.id)
        .map((seg) => seg.text);
      segments.push(encodeURIComponent(this.spec.id) + ":" + parts.join("&"));
      const url = window.location.pathname + window.location.search + "#" + segments.join(";");
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }

    /* Set the controls from the address; say what was clamped or ignored. */
    restore() {
      const seg = readFragment().find((s) => s.id === this.spec.id);
      if (!seg) return;
      const notes = [];
      const given = new Map();
      for (const pair of seg.body.split("&")) {
        if (!pair) continue;
        const eq = pair.indexOf("=");
        let name, raw;
        try {
          name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
          raw = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
        } catch (err) {
          notes.push("“" + pair + "” is not readable");
          continue;
        }
        const param = this.spec.params.find((q) => q.name === name);
        if (!param) notes.push("“" + name + "” is not a setting of this explorer");
        else given.set(param, raw);
      }
      // Choices first (their presets move sliders), then sliders, as given.
      const ordered = [...given.keys()].sort((a, b) =>
        (a.kind === "slider" ? 1 : 0) - (b.kind === "slider" ? 1 : 0));
      for (const param of ordered) {
        const raw = given.get(param);
        if (param.kind === "slider") {
          const v = Number(raw);
          if (raw.trim() === "" || Number.isNaN(v)) {
            notes.push(param.label + ": “" + raw + "” is not a number, ignored");
            continue;
          }
          if (param.log && v <= 0) {
            notes.push(param.label + ": " + raw + " is not positive, ignored");
            continue;
          }
          const base = param.base || 10;
          const lo = param.log ? Math.pow(base, param.min) : param.min;
          const hi = param.log ? Math.pow(base, param.max) : param.max;
          let value = Math.min(Math.max(v, lo), hi);
          if (param.integer) value = Math.round(value);
          if (value !== v && (v < lo || v > hi)) {
            notes.push(param.label + ": " + raw + " is outside " + niceNumber(lo, 4) + " to " +
                       niceNumber(hi, 4) + ", set to " + niceNumber(value, 4));
          }
          this.setSlider(param, value);
        } else if (param.widget === "checkbox") {
          if (raw !== "true" && raw !== "false") {
            notes.push(param.label + ": “" + raw + "” is neither true nor false, ignored");
            continue;
          }
          this.values[param.name] = raw === "true";
          this.inputs[param.name].checked = raw === "true";
        } else {
          let option = param.options.indexOf(JSON.stringify(raw));
          if (option < 0) option = param.options.indexOf(raw);
          if (option < 0) {
            notes.push(param.label + ": “" + raw + "” is not one of its options, ignored");
            continue;
          }
          this.setChoice(param, option);
        }
      }
      if (notes.length) {
        this.urlNote.textContent = "From the link: " + notes.join("; ") + ".";
        this.urlNote.hidden = false;
      }
    }

    setSlider(param, value) {
      this.values[param.name] = value;
      const input = this.inputs[param.name];
      input.value = String(!param.log ? value : Math.log(value) / Math.log(param.base || 10));
    }

    setChoice(param, index) {
      const option = param.options[index];
      this.values[param.name] = JSON.parse(option);
      const control = this.inputs[param.name];
      if (control.type === "checkbox") control.checked = JSON.parse(option) === true;
      else control.value = option;
      const preset = (param.presets || [])[index] || {};
      for (const [name, v] of Object.entries(preset)) {
        const slider = this.spec.params.find((q) => q.name === name);
        if (slider) this.setSlider(slider, v);
      }
    }
  }

  /* The fragment's explorer segments: [{id, body, text}], others (plain anchors) left out. */
  function readFragment() {
    const hash = window.location.hash.replace(/^#/, "");
    if (!hash) return [];
    const segments = [];
    for (const text of hash.split(";")) {
      const colon = text.indexOf(":");
      if (colon <= 0) continue;
      let id;
      try { id = decodeURIComponent(text.slice(0, colon)); } catch (err) { continue; }
      segments.push({ id: id, body: text.slice(colon + 1), text: text });
    }
    return segments;
  }

  function start() {
    for (const root of document.querySelectorAll(".web-explorer")) {
      if (root.webExplorer) continue;
      const script = root.querySelector("script.web-explorer-spec");
      try {
        root.webExplorer = new PageExplorer(root, JSON.parse(script.textContent));
        root.classList.add("wx-ready");
      } catch (err) {
        console.error("explorer failed to start:", err);
        root.appendChild(el("p", { class: "wx-error", text: "This explorer failed to start." }));
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
