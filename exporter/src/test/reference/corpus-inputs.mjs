// The input attribute sets of the GenAI reference corpus. `node generate.mjs` runs the
// OpenInference reference converter on each and writes ../resources/genai-reference/corpus.json,
// which GenAiReferenceCorpusTest compares our translation with. Facts only: the expected
// outputs come from the published converter, not from our code.
const j = (v) => JSON.stringify(v);

const weatherInput = [
  { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
  {
    role: "assistant",
    parts: [
      { type: "text", content: "Absolutely! Let me check the weather for you." },
      { type: "tool_call", id: "1234", name: "get_weather", arguments: { location: "Paris" } },
    ],
  },
  { role: "tool", parts: [{ type: "tool_call_response", id: "1234", response: "rainy, 57°F" }] },
];
const weatherOutput = [
  {
    role: "assistant",
    parts: [{ type: "text", content: "The weather in Paris is currently rainy with a temperature of 57°F." }],
    finish_reason: "stop",
  },
];

export const cases = [
  {
    name: "chat with tool round trip (reference fixture shape)",
    attributes: {
      input: j({ model: "gpt-4", messages: weatherInput }),
      output: j({ text: "The weather in Paris is currently rainy.", finish_reason: "stop" }),
      "gen_ai.provider.name": "openai",
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4",
      "gen_ai.request.max_tokens": 200,
      "gen_ai.request.temperature": 0.5,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.response.id": "chatcmpl-CQF10eCkoFphJZJQkzzN6EkTD0AVF",
      "gen_ai.response.model": "gpt-4-0613",
      "gen_ai.usage.output_tokens": 52,
      "gen_ai.usage.input_tokens": 97,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.input.messages": j(weatherInput),
      "gen_ai.output.messages": j(weatherOutput),
    },
  },
  {
    name: "chat without input/output attributes",
    attributes: {
      "gen_ai.provider.name": "openai",
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 3,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.input.messages": j([
        { role: "system", parts: [{ type: "text", content: "You are a helpful assistant." }] },
        { role: "user", parts: [{ type: "text", content: "Hello" }] },
      ]),
      "gen_ai.output.messages": j([
        { role: "assistant", parts: [{ type: "text", content: "Hi! How can I help?" }], finish_reason: "stop" },
      ]),
    },
  },
  {
    name: "system instructions as parts",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4",
      "gen_ai.system_instructions": j([{ type: "text", content: "You are concise." }]),
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Hello" }] }]),
    },
  },
  {
    name: "system instructions as plain text",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.system_instructions": "Answer in French.",
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Bonjour" }] }]),
    },
  },
  {
    name: "system instructions without text parts",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.system_instructions": j([{ type: "blob", mime_type: "text/plain", content: "eA==" }]),
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "x" }] }]),
    },
  },
  {
    name: "two tool calls and grouped tool responses",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4.1",
      "gen_ai.input.messages": j([
        { role: "user", parts: [{ type: "text", content: "Use both tools." }] },
        {
          role: "assistant",
          parts: [
            { type: "tool_call", id: "call_weather", name: "weather", arguments: { location: "Boston" } },
            { type: "tool_call", id: "call_calculator", name: "calculator", arguments: { expression: "100 * 25 + 3" } },
          ],
        },
        {
          role: "tool",
          parts: [
            { type: "tool_call_response", id: "call_weather", response: { location: "Boston", forecast: "sunny" } },
            { type: "tool_call_response", id: "call_calculator", response: { expression: "100 * 25 + 3", value: 2503 } },
          ],
        },
      ]),
      "gen_ai.output.messages": j([
        { role: "assistant", parts: [{ type: "text", content: "Sunny; 2503." }], finish_reason: "stop" },
      ]),
    },
  },
  {
    name: "output tool calls",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.finish_reasons": ["tool_calls"],
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Weather in Berlin?" }] }]),
      "gen_ai.output.messages": j([
        {
          role: "assistant",
          parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Berlin", unit: "c" } }],
          finish_reason: "tool_calls",
        },
      ]),
      "gen_ai.tool.definitions": j([
        { type: "function", name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      ]),
    },
  },
  {
    name: "tool definitions in every shape",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.tool.definitions": j([
        { type: "function", function: { name: "already", parameters: { type: "object" } } },
        { name: "anthropic_style", description: "d", input_schema: { type: "object" } },
        { name: "mcp_style", inputSchema: { type: "object", properties: {} } },
        { name: "no_params" },
        { description: "no name" },
        "not an object",
      ]),
    },
  },
  {
    name: "reasoning, unknown and media parts",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "o3",
      "gen_ai.input.messages": j([
        {
          role: "user",
          parts: [
            { type: "text", content: "What is in this file?" },
            { type: "file", mime_type: "application/pdf", file_id: "file-123", modality: "document" },
            { type: "custom_widget", value: 7 },
          ],
        },
      ]),
      "gen_ai.output.messages": j([
        {
          role: "assistant",
          parts: [
            { type: "reasoning", content: "The user wants a summary." },
            { type: "text", content: "It is an invoice." },
          ],
          finish_reason: "stop",
        },
      ]),
    },
  },
  {
    name: "malformed parts and messages are skipped",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.input.messages": j([
        null,
        "text",
        { role: "user" },
        { role: 3, parts: [] },
        { role: "user", parts: [null, 5, { content: "no type" }, { type: "", content: "empty type" }, { type: "text", content: "kept" }] },
      ]),
      "gen_ai.output.messages": j([{ parts: [] }, { role: "assistant", parts: [{ type: "text", content: "second" }] }]),
    },
  },
  {
    name: "unparseable messages",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.input.messages": "not-json",
      "gen_ai.output.messages": "{\"role\":",
    },
  },
  {
    name: "text content that is not a string",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: { nested: [1, 2.5, true, null] } }] }]),
    },
  },
  {
    name: "all invocation parameters",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4",
      "gen_ai.request.temperature": 0.5,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.top_k": 40,
      "gen_ai.request.presence_penalty": 0.1,
      "gen_ai.request.frequency_penalty": 0.2,
      "gen_ai.request.max_tokens": 200,
      "gen_ai.request.seed": 123,
      "gen_ai.request.stop_sequences": ["stop", "END"],
      "gen_ai.request.choice.count": 2,
      "gen_ai.request.encoding_formats": ["float"],
    },
  },
  {
    name: "invocation parameters with bad types",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.temperature": "hot",
      "gen_ai.request.max_tokens": 150,
      "gen_ai.request.stop_sequences": [],
    },
  },
  {
    name: "integral temperature",
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "m", "gen_ai.request.temperature": 1.0, "gen_ai.request.top_p": 1 },
  },
  {
    name: "cache tokens",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-3-5-sonnet",
      "gen_ai.usage.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 20,
      "gen_ai.usage.cache_read.input_tokens": 800,
      "gen_ai.usage.cache_creation.input_tokens": 150,
    },
  },
  {
    name: "finish reasons absent, empty and several",
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.response.finish_reasons": ["length", "stop"] },
  },
  {
    name: "finish reasons empty",
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.response.finish_reasons": [] },
  },
  {
    name: "text completion with deprecated prompt and completion",
    attributes: {
      "gen_ai.operation.name": "text_completion",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-3.5-turbo-instruct",
      "gen_ai.prompt": "Say this is a test",
      "gen_ai.completion": "This is a test.",
    },
  },
  {
    name: "deprecated prompt as JSON",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.prompt": j([{ role: "user", parts: [{ type: "text", content: "Hi" }] }]),
      "gen_ai.completion": j([{ role: "assistant", parts: [{ type: "text", content: "Hello" }] }]),
    },
  },
  {
    name: "generate_content",
    attributes: {
      "gen_ai.operation.name": "generate_content",
      "gen_ai.provider.name": "gcp.gemini",
      "gen_ai.request.model": "gemini-2.5-flash",
      "gen_ai.usage.input_tokens": 8,
      "gen_ai.usage.output_tokens": 9,
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Write a haiku" }] }]),
      "gen_ai.output.messages": j([{ role: "model", parts: [{ type: "text", content: "Autumn moon..." }], finish_reason: "stop" }]),
    },
  },
  {
    name: "tool execution span",
    attributes: {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "get_weather",
      "gen_ai.tool.description": "Get the weather for a location",
      "gen_ai.tool.call.id": "call_VSPygqK",
      "gen_ai.tool.type": "function",
      "gen_ai.tool.call.arguments": j({ location: "Paris" }),
      "gen_ai.tool.call.result": "rainy, 57°F",
    },
  },
  {
    name: "tool markers without operation name",
    attributes: { "gen_ai.tool.name": "search", "gen_ai.tool.call.arguments": "plain words", "gen_ai.tool.call.result": j([1, 2]) },
  },
  {
    name: "tool markers over an agent operation",
    attributes: { "gen_ai.operation.name": "plan", "gen_ai.tool.name": "web_search", "gen_ai.agent.name": "planner" },
  },
  {
    name: "invoke_agent",
    attributes: {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.provider.name": "openai",
      "gen_ai.agent.name": "research_agent",
      "gen_ai.agent.id": "agent-7",
      "gen_ai.agent.description": "Finds papers",
      "gen_ai.request.model": "gpt-4.1",
      "gen_ai.usage.input_tokens": 500,
      "gen_ai.usage.output_tokens": 120,
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Find papers on RAG" }] }]),
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "text", content: "Here are three." }], finish_reason: "stop" }]),
    },
  },
  {
    name: "create_agent",
    attributes: { "gen_ai.operation.name": "create_agent", "gen_ai.agent.name": "helper", "gen_ai.provider.name": "openai" },
  },
  {
    name: "plan",
    attributes: { "gen_ai.operation.name": "plan", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" },
  },
  {
    name: "invoke_workflow",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.workflow.name": "triage" },
  },
  {
    name: "invoke_workflow with agent marker",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.agent.name": "research_agent" },
  },
  {
    name: "agent marker without operation name",
    attributes: { "gen_ai.agent.name": "my_agent" },
  },
  {
    name: "chat owned by an agent stays LLM",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.agent.name": "research_agent",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
    },
  },
  {
    name: "retrieval",
    attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "kb-1", "gen_ai.request.model": "text-embedding-3-small" },
  },
  {
    name: "embeddings",
    attributes: {
      "gen_ai.operation.name": "embeddings",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "text-embedding-3-small",
      "gen_ai.response.model": "text-embedding-3-small",
      "gen_ai.request.encoding_formats": ["float"],
      "gen_ai.usage.input_tokens": 8,
    },
  },
  {
    name: "model call without operation name",
    attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 5, "gen_ai.usage.output_tokens": 6 },
  },
  {
    name: "provider only",
    attributes: { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" },
  },
  {
    name: "azure provider",
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "azure.ai.openai", "gen_ai.request.model": "gpt-4o" },
  },
  {
    name: "non-string values are ignored",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": 123,
      "gen_ai.request.model": 42,
      "gen_ai.agent.name": 7,
      "gen_ai.tool.name": "",
    },
  },
  {
    name: "several output choices",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.output.messages": j([
        { role: "assistant", parts: [{ type: "text", content: "One" }], finish_reason: "stop" },
        { role: "assistant", parts: [{ type: "text", content: "Two" }, { type: "text", content: "and more" }], finish_reason: "length" },
      ]),
    },
  },
  {
    name: "multi-turn conversation",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.conversation.id": "conv-42",
      "gen_ai.input.messages": j([
        { role: "system", parts: [{ type: "text", content: "You are a support bot." }] },
        { role: "user", parts: [{ type: "text", content: "hi! I'm Bob" }] },
        { role: "assistant", parts: [{ type: "text", content: "Nice to meet you, Bob!" }] },
        { role: "user", parts: [{ type: "text", content: "what's my name?" }] },
        { role: "assistant", parts: [{ type: "text", content: "Your name is Bob." }] },
        { role: "user", parts: [{ type: "text", content: "and my plan?" }] },
        { role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "account_lookup", arguments: { user: "bob" } }] },
        { role: "tool", parts: [{ type: "tool_call_response", id: "c1", response: { plan: "pro" } }] },
      ]),
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "text", content: "You are on the pro plan." }], finish_reason: "stop" }]),
      "gen_ai.usage.input_tokens": 124,
      "gen_ai.usage.output_tokens": 40,
      "gen_ai.response.finish_reasons": ["stop"],
    },
  },
  {
    name: "tool message with plain content part",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.input.messages": j([{ role: "tool", parts: [{ type: "text", content: "result text" }] }]),
    },
  },
  {
    name: "tool call without id or arguments",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "tool_call", name: "ping" }] }]),
    },
  },
  {
    name: "unicode and escapes",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "m",
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "naïve café 😀 \"quoted\"\nnew line\ttab" }] }]),
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "tool_call", id: "x", name: "f", arguments: { s: "é😀\u0001", n: 1e-7, big: 12345678901234567890, neg: -0.5 } }] }]),
    },
  },
  {
    name: "input attribute wins for input value",
    attributes: {
      "gen_ai.operation.name": "chat",
      input: "raw input text",
      "gen_ai.prompt": "deprecated prompt",
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Hi" }] }]),
    },
  },
  {
    name: "tool span whose input messages win the input value",
    attributes: {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "t",
      "gen_ai.tool.call.arguments": "{\"a\":1}",
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "call t" }] }]),
    },
  },
  {
    name: "mime types of falsy JSON",
    attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "t", "gen_ai.tool.call.arguments": "0", "gen_ai.tool.call.result": "false" },
  },
  {
    name: "empty output messages",
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.output.messages": "[]", "gen_ai.input.messages": "[]" },
  },
  {
    name: "anthropic chat with cache and reasoning",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-opus-4",
      "gen_ai.response.model": "claude-opus-4-20250514",
      "gen_ai.request.max_tokens": 1024,
      "gen_ai.request.top_k": 5,
      "gen_ai.usage.input_tokens": 300,
      "gen_ai.usage.output_tokens": 80,
      "gen_ai.usage.cache_read.input_tokens": 100,
      "gen_ai.system_instructions": j([{ type: "text", content: "Think step by step." }, { type: "text", content: "Be brief." }]),
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "2+2?" }] }]),
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "reasoning", content: "2+2=4" }, { type: "text", content: "4" }], finish_reason: "end_turn" }]),
      "gen_ai.response.finish_reasons": ["end_turn"],
    },
  },
  {
    name: "bedrock converse",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "aws.bedrock",
      "gen_ai.request.model": "anthropic.claude-3-haiku",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.stop_sequences": ["\n\nHuman:"],
      "gen_ai.usage.input_tokens": 20,
      "gen_ai.usage.output_tokens": 10,
      "gen_ai.input.messages": j([{ role: "user", parts: [{ type: "text", content: "Hello Bedrock" }] }]),
    },
  },
  {
    name: "reasoning without content",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.output.messages": j([{ role: "assistant", parts: [{ type: "reasoning" }, { type: "text", content: "done" }] }]),
    },
  },
];
