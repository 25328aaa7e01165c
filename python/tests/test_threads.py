"""One Grounder shared by many threads: same answers as one thread, and the GIL is released."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import humain
from conftest import ROOT

SHOTS = ["login.png", "dashboard.png", "settings.png"]
ASKS = ["click Sign in", "filter button", "open Status", "click search", "press help"]


def test_shared_grounder_answers_like_a_single_thread():
    g = humain.Grounder()
    jobs = [(str(ROOT / "data" / "samples" / s), a) for s in SHOTS for a in ASKS] * 4
    expected = {job: g.find_element(*job).point for job in set(jobs)}
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda job: (job, g.find_element(*job).point), jobs))
    for job, point in got:
        assert point == expected[job], job


def test_gil_is_released_while_grounding():
    g = humain.Grounder()  # fresh: no cached parse, so the call does real work for ~100+ ms
    image = str(ROOT / "data" / "dev" / "images" / "calendar_1600.png")
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.02)
    start_ticks = ticks
    t0 = time.perf_counter()
    g.find_element(image, "click Today")
    elapsed = time.perf_counter() - t0
    during = ticks - start_ticks
    done.set()
    t.join()
    # With the GIL held the counter could not run at all during the call.
    assert elapsed > 0.05, f"call took {elapsed:.3f} s, too short to tell"
    assert during >= 5, f"only {during} ticks in {elapsed:.3f} s: the GIL was held"
