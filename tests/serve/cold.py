"""Cold screens through `humain serve` (docs/SERVE.md, "Measured"): every request is a screenshot
the engine has not parsed (data/dev's 35 images cycled through an engine cache of 32 parses),
base64 in /v1/ground, CONCURRENCY at a time. Prints requests/s, p50, p99 and errors.
Usage: python3 tests/serve/cold.py URL IMAGES_DIR [N=70] [CONCURRENCY=2]"""
import base64, glob, json, statistics, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

url, folder = sys.argv[1], sys.argv[2]
n, conc = int(sys.argv[3]) if len(sys.argv) > 3 else 70, int(sys.argv[4]) if len(sys.argv) > 4 else 2
bodies = [json.dumps({"image": base64.b64encode(open(p, "rb").read()).decode(), "instruction": "click Settings"}).encode()
          for p in sorted(glob.glob(folder + "/*.png"))]

def one(i):
    t = time.perf_counter()
    req = urllib.request.Request(url + "/v1/ground", bodies[i % len(bodies)], {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            ok = r.status == 200
    except urllib.error.HTTPError:
        ok = False
    return time.perf_counter() - t, ok

t0 = time.perf_counter()
with ThreadPoolExecutor(conc) as pool:
    res = list(pool.map(one, range(n)))
wall = time.perf_counter() - t0
lat = sorted(r[0] * 1000 for r in res)
print(json.dumps({"requests": n, "concurrency": conc, "req_per_s": round(n / wall, 2), "p50_ms": round(statistics.median(lat), 1),
                  "p99_ms": round(lat[min(n - 1, int(n * 0.99))], 1), "errors": sum(not r[1] for r in res)}))
