"""humain.Grounder.find_element on every kind of image input, and its errors."""
import io
import sys

import numpy as np
import pytest
from PIL import Image

import humain
from conftest import LOGIN, SIGN_IN, inside


def test_path_gives_a_prediction_inside_the_button(grounder):
    p = grounder.find_element(str(LOGIN), "click Sign in")
    assert inside(p.point, SIGN_IN), p
    assert p.box is not None and len(p.box) == 4
    assert 0.0 <= p.confidence <= 1.0
    assert p.source == "local-engine"
    assert p.timings["total_ms"] >= 0
    assert p.to_dict()["point"] == p.point


def test_every_input_kind_gives_the_same_answer(grounder):
    expected = grounder.find_element(LOGIN, "click Sign in").point  # pathlib.Path
    rgb = np.asarray(Image.open(LOGIN).convert("RGB"))
    inputs = {
        "bytes": (LOGIN.read_bytes(), {}),
        "bytearray": (bytearray(LOGIN.read_bytes()), {}),
        "rgb array": (rgb, {}),
        "bgr array": (np.ascontiguousarray(rgb[:, :, ::-1]), {"color_order": "bgr"}),
        "rgba array": (np.dstack([rgb, np.full(rgb.shape[:2], 255, np.uint8)]), {}),
        "reversed-channel view": (rgb[:, :, ::-1], {"color_order": "bgr"}),
        "row-padded view": (np.pad(rgb, ((0, 0), (0, 7), (0, 0)))[:, :rgb.shape[1]], {}),
        "PIL": (Image.open(LOGIN), {}),
        "PIL RGBA": (Image.open(LOGIN).convert("RGBA"), {}),
    }
    for name, (image, options) in inputs.items():
        assert grounder.find_element(image, "click Sign in", **options).point == expected, name


def test_bgr_array_is_borrowed_not_leaked(grounder):
    bgr = np.ascontiguousarray(np.asarray(Image.open(LOGIN).convert("RGB"))[:, :, ::-1])
    before = sys.getrefcount(bgr)
    for _ in range(3):
        grounder.find_element(bgr, "click Sign in", color_order="bgr")
    assert sys.getrefcount(bgr) == before


def test_no_match_is_a_prediction_without_a_point(grounder):
    blank = np.full((200, 300, 3), 255, np.uint8)
    p = grounder.find_element(blank, "click the purple unicorn")
    assert p.point is None and p.box is None


def test_errors_are_humain_exceptions_with_clear_messages(grounder, tmp_path):
    with pytest.raises(humain.NotFoundError, match="no_such.png"):
        grounder.find_element(str(tmp_path / "no_such.png"), "click Sign in")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png at all")
    with pytest.raises(humain.InvalidInputError, match="bad.png: not a PNG"):
        grounder.find_element(bad, "click Sign in")
    with pytest.raises(humain.InvalidInputError, match="uint8"):
        grounder.find_element(np.zeros((10, 10, 3), np.float32), "x")
    with pytest.raises(humain.InvalidInputError, match="HxW"):
        grounder.find_element(np.zeros((10, 10, 2), np.uint8), "x")
    with pytest.raises(humain.InvalidInputError, match="must be a path"):
        grounder.find_element(12345, "x")
    with pytest.raises(TypeError, match="unexpected option 'colour'"):
        grounder.find_element(LOGIN, "x", colour="rgb")
    with pytest.raises(humain.Error):
        humain.Grounder(grounder="no-such-grounder")
    with pytest.raises(humain.Error, match="mode"):
        humain.Grounder({"deployment": {"mode": "turbo"}})
    assert issubclass(humain.NotFoundError, humain.Error) and issubclass(humain.TimeoutError, TimeoutError)


def test_config_as_dict_and_as_file(tmp_path):
    cfg = tmp_path / "humain.yaml"
    cfg.write_text("deployment:\n  mode: local_only\n")
    for config in ({"deployment": {"mode": "local_only"}}, str(cfg), cfg):
        p = humain.Grounder(config).find_element(LOGIN, "click Sign in")
        assert p.point is not None


def test_screen_analyzer_has_the_documents_signature():
    result = humain.ScreenAnalyzer().find_element("click Sign in", str(LOGIN))
    assert set(result) == {"bounding_box", "point", "confidence", "source"}
    assert inside(result["point"], SIGN_IN)
