// The official OpenAI and Ollama clients against `humain serve` (tests/e2e/serve_proxy.sh).
// Each subcommand prints one JSON object on stdout; the shell test judges it.
//   node clients.mjs basic URL            non-streamed and streamed chat through both wire formats
//   node clients.mjs privacy URL DIR      the privacy battery's screens (DIR/secrets.json) as images
//   node clients.mjs fault URL            one streamed request per client: an answer or a clean error
//   node clients.mjs ttft URL N [DIRECT]  median time to first token through serve (and direct)
//   node clients.mjs cache URL            one question asked 4 times: openai (plain, plain, streamed), ollama
import fs from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { Ollama } from "ollama";

const [cmd, url, arg, arg2] = process.argv.slice(2);
const openai = (base) => new OpenAI({ baseURL: `${base}/v1`, apiKey: process.env.HUMAIN_SERVE_KEY || "none", maxRetries: 0, timeout: 20000 });
const key = process.env.HUMAIN_SERVE_KEY;
const ollama = new Ollama({ host: url, ...(key ? { headers: { Authorization: `Bearer ${key}` } } : {}) });

async function openaiChat(content, stream) {
  const client = openai(url);
  if (!stream) {
    const r = await client.chat.completions.create({ model: "humain", messages: [{ role: "user", content }], temperature: 0 });
    return { text: r.choices[0].message.content, finish: r.choices[0].finish_reason, chunks: 1 };
  }
  const s = await client.chat.completions.create({ model: "humain", messages: [{ role: "user", content }], stream: true });
  let text = "", chunks = 0, finish = null;
  for await (const c of s) {
    if (!c.choices.length) continue;
    if (c.choices[0].delta?.content) { text += c.choices[0].delta.content; chunks++; }
    finish = c.choices[0].finish_reason ?? finish;
  }
  return { text, finish, chunks };
}

async function ollamaChat(content, images, stream) {
  const messages = [{ role: "user", content, ...(images ? { images } : {}) }];
  if (!stream) {
    const r = await ollama.chat({ model: "humain", messages, stream: false });
    return { text: r.message.content, done: r.done, chunks: 1 };
  }
  let text = "", chunks = 0, done = false;
  for await (const part of await ollama.chat({ model: "humain", messages, stream: true })) {
    if (part.message?.content) { text += part.message.content; chunks++; }
    done = part.done || done;
  }
  return { text, done, chunks };
}

// An outcome, never a hang: a result, or the error the client raised (with how long it took).
async function outcome(fn) {
  const t0 = performance.now();
  try {
    const r = await fn();
    return { ok: true, ...r, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e).slice(0, 300), status: e?.status ?? null, ms: Math.round(performance.now() - t0) };
  }
}

async function main() {
  if (cmd === "basic") {
    const models = await openai(url).models.list();
    const out = { models: models.data.map((m) => m.id) };
    out.openai = await outcome(() => openaiChat("Say hello in five words.", false));
    out.openai_stream = await outcome(() => openaiChat("Say hello in five words.", true));
    out.ollama = await outcome(() => ollamaChat("Say hello in five words.", null, false));
    out.ollama_stream = await outcome(() => ollamaChat("Say hello in five words.", null, true));
    out.confidential = await outcome(() => openaiChat("My password is hunter2 and my SSN is 123-45-6789: plan the login.", true));
    out.confidential_ollama = await outcome(() => ollamaChat("My password is hunter2: plan the login.", null, true));
    out.ollama_list = (await ollama.list()).models.map((m) => m.name);
    console.log(JSON.stringify(out));
  } else if (cmd === "privacy") {
    const secrets = JSON.parse(fs.readFileSync(path.join(arg, "secrets.json"), "utf8"));
    const out = [];
    for (const s of secrets) {
      const b64 = fs.readFileSync(path.join(arg, s.file)).toString("base64");
      const parts = [{ type: "text", text: "What is on this screen? Plan the next step." },
                     { type: "image_url", image_url: { url: `data:image/png;base64,${b64}` } }];
      out.push({ file: s.file, client: "openai", ...(await outcome(() => openaiChat(parts, true))) });
      out.push({ file: s.file, client: "ollama", ...(await outcome(() => ollamaChat("What is on this screen? Plan the next step.", [b64], false))) });
    }
    console.log(JSON.stringify(out));
  } else if (cmd === "fault") {
    const out = {};
    out.openai_stream = await outcome(() => openaiChat("Say hello in five words.", true));
    out.ollama_stream = await outcome(() => ollamaChat("Say hello in five words.", null, true));
    out.openai = await outcome(() => openaiChat("Say hello in five words.", false));
    console.log(JSON.stringify(out));
  } else if (cmd === "cache") {
    const q = "Plan the next step: open the network settings.";
    const out = {};
    out.first = await outcome(() => openaiChat(q, false));
    out.again = await outcome(() => openaiChat(q, false));
    out.stream = await outcome(() => openaiChat(q, true));
    out.ollama = await outcome(() => ollamaChat(q, null, false));
    console.log(JSON.stringify(out));
  } else if (cmd === "ttft") {
    const n = Number(arg || 30);
    const measure = async (base) => {
      const client = openai(base);
      const times = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const s = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Say hello." }], stream: true });
        let first = null;
        for await (const c of s) { if (first === null && c.choices[0]?.delta?.content) first = performance.now() - t0; }
        times.push(first);
      }
      times.sort((a, b) => a - b);
      return { median_ms: times[Math.floor(n / 2)], p90_ms: times[Math.floor(n * 0.9)] };
    };
    const out = { serve: await measure(url) };
    if (arg2) out.direct = await measure(arg2);
    if (arg2) out.overhead_median_ms = out.serve.median_ms - out.direct.median_ms;
    console.log(JSON.stringify(out));
  } else {
    console.error("usage: node clients.mjs basic|privacy|fault|ttft|cache URL ...");
    process.exit(2);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
