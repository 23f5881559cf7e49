// Regenerates ../resources/genai-reference/corpus.json from corpus-inputs.mjs with the published
// reference converter:
//   cd exporter/src/test/reference && npm install --no-save @arizeai/openinference-genai@0.3.10 && node generate.mjs
import { writeFileSync } from "node:fs";
import { convertGenAISpanAttributesToOpenInferenceSpanAttributes } from "@arizeai/openinference-genai";
import { cases } from "./corpus-inputs.mjs";

const out = cases.map(({ name, attributes }) => ({
  name,
  attributes,
  expected: convertGenAISpanAttributesToOpenInferenceSpanAttributes(attributes),
}));
writeFileSync(
  new URL("../resources/genai-reference/corpus.json", import.meta.url),
  JSON.stringify({ converter: "@arizeai/openinference-genai@0.3.10", cases: out }, null, 1) + "\n",
);
console.log(`${out.length} cases`);
