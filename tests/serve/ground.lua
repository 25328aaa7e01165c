-- wrk script (docs/SERVE.md, "Measured"): POST /v1/ground with a screen_id on a parsed screen.
-- SID=<screen_id> wrk -t2 -c16 -d20s --latency -s tests/serve/ground.lua http://127.0.0.1:8090
wrk.method = "POST"
wrk.path = "/v1/ground"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"screen_id":"' .. os.getenv("SID") .. '","instruction":"Click Sign in"}'
