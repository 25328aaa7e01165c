#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/ from the repository's test files and, when present,
../shared/vlm_fixtures (verbatim model answers). Run from the repository root; the output is
committed, so CI does not need ../shared. Usage: python3 fuzz/make_seeds.py"""
import glob, json, os, struct, zlib

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# Data sets: the committed fixtures (every layout, good and bad) and the first rows of the samples.
for p in sorted(glob.glob(os.path.join(root, "data/fixtures/datasets/*.json"))):
    put("dataset", os.path.basename(p), open(p, "rb").read())
samples = json.load(open(os.path.join(root, "data/samples/samples.json")))
put("dataset", "samples_head.json", json.dumps(samples[:3]))
put("dataset", "negative_y.json", '[{"img_filename": "a.png", "bbox": [3700, -1, 3850, 40], "img_size": [3840, 1080], "instruction": "redo"}]')
put("dataset", "traversal.json", '[{"image_path": "../../etc/x.png", "box_type": "bbox", "box_coordinates": [1, 2, 3, 4], "instruction": "x"}]')

# Configs: every committed example.
for p in sorted(glob.glob(os.path.join(root, "configs/*.yaml"))):
    put("config", os.path.basename(p), open(p, "rb").read())

# Answers: 4 bytes of screenshot size (1920 x 1080, see fuzz_answer_parsers.cpp), then the text.
size = bytes([0x7F, 0x07, 0x37, 0x04])
shared = os.path.join(root, "..", "shared", "vlm_fixtures")
n = 0
for p in sorted(glob.glob(os.path.join(shared, "fixtures_*.json"))):
    for i, row in enumerate(json.load(open(p))):
        raw = row.get("raw_output")
        if isinstance(raw, (dict, list)):
            raw = json.dumps(raw)
        if isinstance(raw, str) and len(raw) < 4000:
            put("answer_parsers", "%s_%d" % (os.path.basename(p)[9:-5], i), size + raw.encode())
            n += 1
for i, t in enumerate(["(0.5, 0.5)", "<|box_start|>(100,200),(300,400)<|box_end|>", "[0.1, 0.2, 0.3, 0.4]",
                       '{"action": "left_click", "coordinate": [10, 20]}', "click(start_box='(5,5)')"]):
    put("answer_parsers", "basic_%d" % i, size + t.encode())

# Streams: SSE (OpenAI and Anthropic shapes, comments, CRLF) and NDJSON (Ollama). First byte: piece size.
sse = [
    'data: {"choices":[{"delta":{"content":"(1,2)"}}]}\n\ndata: [DONE]\n\n',
    ': OPENROUTER PROCESSING\r\n\r\ndata: {"choices":[{"delta":{"content":"x"}}]}\r\n\r\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"hi"}}\n\n',
    'data: a\ndata: b\nid: 1\nretry: 5\n\n',
]
for i, s in enumerate(sse):
    put("sse", "seed_%d" % i, bytes([7]) + s.encode())
nd = [
    '{"message":{"role":"assistant","content":"(1,2)"},"done":false}\n{"done":true,"total_duration":123}\n',
    '{"error":"model not found"}\n',
    '{"message":{"content":"x"}}\r\n\n{"done":true}',
]
for i, s in enumerate(nd):
    put("ndjson", "seed_%d" % i, bytes([5]) + s.encode())

# GGUF: a tiny v3 file (the shape tests/models/gguf_test.cpp builds) and a truncated one.
def gstr(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b
g = b"GGUF" + struct.pack("<IQQ", 3, 1, 3)
g += gstr("general.architecture") + struct.pack("<I", 8) + gstr("qwen2vl")
g += gstr("qwen2vl.context_length") + struct.pack("<II", 4, 4096)
g += gstr("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2) + gstr("a") + gstr("b")
g += gstr("token_embd.weight") + struct.pack("<IQQIQ", 2, 256, 4, 12, 0)
g += b"\0" * ((32 - len(g) % 32) % 32) + b"\0" * 576
put("gguf", "tiny_v3.gguf", g)
put("gguf", "truncated.gguf", g[:40])

# Images: tiny PNGs made here (1x1 gray, 3x2 RGB) and a bare JPEG header.
def png(w, h, color_type, pixel):
    raw = b"".join(b"\0" + pixel * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
put("image", "gray_1x1.png", png(1, 1, 0, b"\x80"))
put("image", "rgb_3x2.png", png(3, 2, 2, b"\x10\x20\x30"))
put("image", "huge_header.png", png(1, 1, 0, b"\x00")[:16] + struct.pack(">II", 50000, 50000) + b"\x08\x02\0\0\0")
put("image", "jpeg_soi", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")

# Instructions: the dev set's (when present) and the samples'.
instructions = [s["instruction"] for s in samples]
dev = os.path.join(root, "data/dev/dataset.json")
if os.path.exists(dev):
    instructions += [s["instruction"] for s in json.load(open(dev))][:60]
instructions += ["Click Sign in " * 20, "the settings icon in the top right corner", "type in the box below Password",
                 "check 'Remember me'", "second Sign in button"]
for i, t in enumerate(dict.fromkeys(instructions)):
    put("instruction", "seed_%03d" % i, t)
print("answers from vlm_fixtures:", n)
