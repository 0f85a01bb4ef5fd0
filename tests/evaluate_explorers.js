// Evaluate kernel-free explorers in Node, with the page's own runtime.
// stdin: JSON [{spec, cases: [values, ...]}, ...]; stdout: JSON [[out, ...], ...]
// (non-finite numbers as the strings "Infinity", "-Infinity", "NaN").
"use strict";
const path = require("path");
const runtime = require(path.join(__dirname, "..", "_ext", "site", "vendor", "explorer", "explorer.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const jobs = JSON.parse(input);
  const results = jobs.map(({ spec, cases, curves }) => {
    const fn = runtime.compile(spec);
    return cases.map((values) => {
      const merged = Object.assign(runtime.defaults(spec), values);
      const result = runtime.evaluate(spec, merged, fn);
      const out = {};
      for (const [k, v] of Object.entries(result.out)) out[k] = Number.isFinite(v) ? v : String(v);
      const shown = {};
      for (const o of spec.outputs) shown[o.name] = runtime.formatOutput(o, result.out[o.name]);
      const answer = { out, shown, values: merged };
      // The charts' arrays too, when asked (non-finite numbers as null).
      if (curves) answer.curves = result.curves.map((c) => c && c.map((a) => Array.from(a, (v) => (Number.isFinite(v) ? v : null))));
      return answer;
    });
  });
  process.stdout.write(JSON.stringify(results));
});
