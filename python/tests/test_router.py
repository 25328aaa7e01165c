"""humain.Router: the document's route / execute, on the C++ router (no model is called by route)."""
import socket

import pytest

import humain
from conftest import LOGIN


def test_route_explains_the_decision():
    router = humain.Router()
    why = router.route("type the password", context={"sensitivity": "confidential"})
    assert why.sensitivity == "confidential"
    assert why.tier == "local-engine" and why.provider == "local"
    assert why.cloud_allowed is False
    assert why.reasons and isinstance(why.reasons[0], str)
    d = why.to_dict()
    assert set(d) >= {"tier", "mode", "sensitivity", "complexity", "reasons", "redactions"}
    with_screen = router.route("click Sign in", image=str(LOGIN))
    assert with_screen.tier in ("local-engine", "local-vlm", "cloud-vlm")
    with pytest.raises(humain.InvalidInputError, match="sensitivity"):
        router.route("x", context={"sensitivity": "secret-ish"})


def test_execute_reaches_the_configured_server_and_reports_its_failure():
    # A local VLM endpoint on a loopback port nobody listens on: execute must fail with the
    # network error, not hang or crash.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    config = {"vlm": {"local": {"provider": "ollama", "model": "qwen2.5vl:7b", "family": "qwen2.5-vl",
                                "base_url": f"http://127.0.0.1:{port}", "connect_timeout": 2, "max_retries": 0}}}
    router = humain.Router(config)
    with pytest.raises(humain.Error) as info:
        router.execute(prompt="Analyze the screenshot and find the submit button",
                       task="Click the submit button on the form",
                       context={"sensitivity": "internal"}, operation="planning")
    assert str(info.value)
    with pytest.raises(TypeError, match="unexpected option"):
        router.execute("p", "t", {}, "planning", top_k=3)
